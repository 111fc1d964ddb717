package org.analogy.ui.view;

/** Node ids from control ids: CSS selectors cannot hold dots, so "echo.delay" becomes "echo-delay". */
final class Ids {

    private Ids() {}

    static String of(String controlId) {
        return controlId.replace('.', '-');
    }
}
