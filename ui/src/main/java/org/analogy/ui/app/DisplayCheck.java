package org.analogy.ui.app;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a window can open here. On Linux and the BSDs that needs an X11 or Wayland display; macOS and
 * Windows always have one when someone is logged in. {@code -Danalogy.headless=true} forces headless.
 */
final class DisplayCheck {

    private DisplayCheck() {}

    /** Null when a window can open; otherwise why not, in a few words. */
    static String whyNot(String os, Map<String, String> env, String headlessProperty) {
        if ("true".equalsIgnoreCase(headlessProperty)) return "analogy.headless is set";
        String name = os.toLowerCase(Locale.ROOT);
        boolean x11World = name.contains("linux") || name.contains("bsd") || name.contains("sunos");
        if (x11World && blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
            return "no display: DISPLAY is not set";
        }
        try {
            Class.forName("javafx.application.Platform", false, DisplayCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "JavaFX is not on the class path";
        }
        return null;
    }

    static String whyNot() {
        return whyNot(System.getProperty("os.name", ""), System.getenv(), System.getProperty("analogy.headless"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
