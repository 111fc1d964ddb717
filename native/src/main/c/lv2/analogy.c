/*
 * Analogy as an LV2 MIDI effect: a thin shell around the bridge (bridge.h). Per process call it hands the
 * host's MIDI and transport to the engine process and writes the engine's MIDI back at the frames it is due.
 * It holds no musical logic. When no engine is attached it passes MIDI through unchanged; on every hand-over
 * (engine attached or gone) it sends note-offs for every note it had left sounding, so none hangs.
 *
 * Real-time rules for run(): no allocation, no lock, no waiting, no I/O. It reads the clock
 * (clock_gettime, a vDSO call), asks the kernel whether the engine's pid exists (kill(pid, 0), one
 * non-blocking syscall) and otherwise only touches the instance struct, the host's buffers and the shared
 * rings (atomics). Everything else — claiming the shared memory, starting and reaping an engine — happens in
 * instantiate() and on the instance's supervisor thread. bridge_test.c runs run() with malloc, free and the
 * pthread lock and wait calls counted and asserts none is made.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lv2/atom/atom.h>
#include <lv2/atom/util.h>
#include <lv2/core/lv2.h>
#include <lv2/midi/midi.h>
#include <lv2/time/time.h>
#include <lv2/urid/urid.h>

#include "bridge.h"

#define ANALOGY_URI "urn:analogy:lv2:analogy"

enum { PORT_MIDI_IN = 0, PORT_MIDI_OUT = 1, PORT_ENGINE = 2, PORT_AUTOSTART = 3, PORT_INSTANCE = 4 };

/* First wait before starting an engine ourselves (one started by hand may be on its way), then backing off. */
#define AUTOSTART_FIRST_NS 1500000000LL
#define AUTOSTART_LONGEST_NS 30000000000LL
#define SUPERVISOR_PERIOD_US 5000 /* also how soon a dead engine we started is reaped, so run() sees its pid gone */

extern char **environ;

typedef struct {
    LV2_URID atom_Sequence, atom_Object, atom_Blank, atom_Float, atom_Double, atom_Int, atom_Long;
    LV2_URID midi_MidiEvent, time_Position, time_bar, time_barBeat, time_beatsPerBar, time_beatsPerMinute,
        time_speed, time_frame;
} Uris;

typedef struct {
    /* host ports */
    const LV2_Atom_Sequence *in;
    LV2_Atom_Sequence *out;
    float *engine_port;
    const float *autostart_port;
    float *instance_port;

    Uris uris;
    double sample_rate;
    char bundle[PATH_MAX];

    /* the bridge */
    int slot;
    int fd;
    void *shm;
    struct bridge_header *header;
    struct bridge_ring *blocks, *midi_in, *midi_out;
    uint64_t owner;

    /* run() state */
    uint64_t frame;            /* host frames processed since activate */
    uint32_t state;            /* BRIDGE_STATE_* */
    uint32_t sounding[16][4];  /* notes on our output, per channel: 128 bits */
    int releasing;             /* note-offs still to send after a hand-over (the output filled up) */
    struct bridge_block position; /* the host's last time:Position (position fields only) */

    /* supervisor thread */
    pthread_t supervisor;
    volatile int stop;
    int supervisor_started;
} Analogy;

static int64_t monotonic_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int pid_exists(int pid) {
    return pid > 0 && (kill(pid, 0) == 0 || errno != ESRCH);
}

/* Whether the attached engine is alive now: its pid exists and its heartbeat is fresh. Real-time safe. */
static int bridge_engine_alive(const struct bridge_header *h, int64_t now) {
    int pid = atomic_load_explicit(&h->engine_pid, memory_order_acquire);
    if (pid <= 0) return 0;
    int64_t beat = atomic_load_explicit(&h->engine_heartbeat_ns, memory_order_acquire);
    return now - beat < BRIDGE_STALE_NS && pid_exists(pid);
}

/* ---- claiming a slot (instantiate, not real-time) ------------------------------------------------- */

static int lock_file(int fd, short type) {
    struct flock l = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    return fcntl(fd, F_SETLKW, &l);
}

/* Opens (making it when needed) slot n's file, and claims it for this instance when it is free. */
static int claim_slot(Analogy *self, int n) {
    char name[128];
    bridge_name(name, sizeof name, n);
    int fd = shm_open(name, O_RDWR | O_CREAT, 0600);
    if (fd < 0) return 0;
    if (lock_file(fd, F_WRLCK) != 0) {
        close(fd);
        return 0;
    }
    struct stat st;
    int made = 0;
    if (fstat(fd, &st) == 0 && st.st_size < BRIDGE_FILE_SIZE) {
        if (ftruncate(fd, BRIDGE_FILE_SIZE) != 0) goto fail;
        made = 1;
    }
    void *base = mmap(NULL, BRIDGE_FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) goto fail;
    struct bridge_header *h = base;
    if (made || h->magic != BRIDGE_MAGIC) {
        memset(base, 0, BRIDGE_FILE_SIZE);
        h->version = BRIDGE_VERSION;
        atomic_thread_fence(memory_order_release);
        h->magic = BRIDGE_MAGIC;
    } else if (h->version != BRIDGE_VERSION) {
        munmap(base, BRIDGE_FILE_SIZE);
        goto fail; /* another version's engine or plugin: leave it alone */
    }
    uint64_t current = atomic_load(&h->plugin_owner);
    int owner_pid = (int)(current >> 32);
    int free_slot = current == 0 || (owner_pid != getpid() && !pid_exists(owner_pid));
    if (!free_slot || !atomic_compare_exchange_strong(&h->plugin_owner, &current, self->owner)) {
        munmap(base, BRIDGE_FILE_SIZE);
        goto fail;
    }
    lock_file(fd, F_UNLCK);
    self->slot = n;
    self->fd = fd;
    self->shm = base;
    self->header = h;
    self->blocks = bridge_ring_at(base, BRIDGE_BLOCKS_OFFSET);
    self->midi_in = bridge_ring_at(base, BRIDGE_MIDI_IN_OFFSET);
    self->midi_out = bridge_ring_at(base, BRIDGE_MIDI_OUT_OFFSET);
    atomic_store(&h->sample_rate, (uint32_t)self->sample_rate);
    return 1;
fail:
    lock_file(fd, F_UNLCK);
    close(fd);
    return 0;
}

/* ---- the supervisor thread: starts an engine when none comes, reaps it ----------------------------- */

static int autostart_allowed(const Analogy *self) {
    const char *env = getenv("ANALOGY_PLUGIN_AUTOSTART");
    if (env && (strcmp(env, "0") == 0 || strcmp(env, "false") == 0 || strcmp(env, "no") == 0)) return 0;
    return !self->autostart_port || *self->autostart_port > 0.5f;
}

/* The engine launcher: $ANALOGY_ENGINE, else the path `analogy plugin install` wrote into the bundle. */
static int engine_launcher(const Analogy *self, char *path, size_t size) {
    const char *env = getenv("ANALOGY_ENGINE");
    if (env && *env) {
        snprintf(path, size, "%s", env);
        return 1;
    }
    char file[PATH_MAX + 16];
    snprintf(file, sizeof file, "%s/engine", self->bundle);
    FILE *f = fopen(file, "r");
    if (!f) return 0;
    int ok = fgets(path, (int)size, f) != NULL;
    fclose(f);
    if (!ok) return 0;
    path[strcspn(path, "\r\n")] = 0;
    return path[0] != 0;
}

static int start_engine(Analogy *self) {
    char launcher[PATH_MAX];
    if (!engine_launcher(self, launcher, sizeof launcher)) return 0;
    char endpoint[32], log[PATH_MAX];
    snprintf(endpoint, sizeof endpoint, "plugin:%d", self->slot);
    const char *tmp = getenv("TMPDIR");
    snprintf(log, sizeof log, "%s/analogy-plugin-%d.log", tmp && *tmp ? tmp : "/tmp", self->slot);
    char *argv[] = {launcher, "live", "--in", endpoint, "--out", endpoint, "--clock", "plugin", "--no-record", NULL};

    /* The engine's environment: ours, plus the mark that it belongs to this plugin instance (it exits when
     * the instance is gone). */
    size_t n = 0;
    while (environ[n]) n++;
    char **envp = calloc(n + 2, sizeof *envp);
    if (!envp) return 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) if (strncmp(environ[i], "ANALOGY_PLUGIN_OWNED=", 21) != 0) envp[k++] = environ[i];
    envp[k++] = "ANALOGY_PLUGIN_OWNED=1";
    envp[k] = NULL;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    pid_t pid;
    int rc = posix_spawn(&pid, launcher, &actions, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    free(envp);
    if (rc != 0) return 0;
    atomic_store(&self->header->autostarted_pid, pid);
    return 1;
}

static void *supervise(void *arg) {
    Analogy *self = arg;
    int64_t absent_since = monotonic_ns();
    int64_t wait = AUTOSTART_FIRST_NS;
    while (!self->stop) {
        usleep(SUPERVISOR_PERIOD_US);
        int child = atomic_load(&self->header->autostarted_pid);
        if (child > 0 && waitpid(child, NULL, WNOHANG) == child) atomic_store(&self->header->autostarted_pid, 0);
        int64_t now = monotonic_ns();
        if (bridge_engine_alive(self->header, now)) {
            absent_since = now;
            wait = AUTOSTART_FIRST_NS;
            continue;
        }
        child = atomic_load(&self->header->autostarted_pid);
        if (now - absent_since < wait || child > 0 || !autostart_allowed(self)) continue;
        start_engine(self);
        absent_since = now; /* give it time to come up before trying again, longer each time */
        wait = wait * 2 > AUTOSTART_LONGEST_NS ? AUTOSTART_LONGEST_NS : wait * 2;
    }
    return NULL;
}

/* ---- LV2 ------------------------------------------------------------------------------------------ */

static LV2_Handle instantiate(const LV2_Descriptor *descriptor, double rate, const char *bundle_path,
                              const LV2_Feature *const *features) {
    (void)descriptor;
    LV2_URID_Map *map = NULL;
    for (int i = 0; features && features[i]; i++) {
        if (!strcmp(features[i]->URI, LV2_URID__map)) map = features[i]->data;
    }
    if (!map) return NULL;
    Analogy *self = calloc(1, sizeof *self);
    if (!self) return NULL;
    self->sample_rate = rate;
    snprintf(self->bundle, sizeof self->bundle, "%s", bundle_path ? bundle_path : ".");
    size_t len = strlen(self->bundle);
    if (len > 1 && self->bundle[len - 1] == '/') self->bundle[len - 1] = 0;
    Uris *u = &self->uris;
    u->atom_Sequence = map->map(map->handle, LV2_ATOM__Sequence);
    u->atom_Object = map->map(map->handle, LV2_ATOM__Object);
    u->atom_Blank = map->map(map->handle, LV2_ATOM__Blank);
    u->atom_Float = map->map(map->handle, LV2_ATOM__Float);
    u->atom_Double = map->map(map->handle, LV2_ATOM__Double);
    u->atom_Int = map->map(map->handle, LV2_ATOM__Int);
    u->atom_Long = map->map(map->handle, LV2_ATOM__Long);
    u->midi_MidiEvent = map->map(map->handle, LV2_MIDI__MidiEvent);
    u->time_Position = map->map(map->handle, LV2_TIME__Position);
    u->time_bar = map->map(map->handle, LV2_TIME__bar);
    u->time_barBeat = map->map(map->handle, LV2_TIME__barBeat);
    u->time_beatsPerBar = map->map(map->handle, LV2_TIME__beatsPerBar);
    u->time_beatsPerMinute = map->map(map->handle, LV2_TIME__beatsPerMinute);
    u->time_speed = map->map(map->handle, LV2_TIME__speed);
    u->time_frame = map->map(map->handle, LV2_TIME__frame);

    static _Atomic uint32_t serial;
    self->owner = (uint64_t)(uint32_t)getpid() << 32 | (atomic_fetch_add(&serial, 1) + 1);
    for (int n = 1; n <= BRIDGE_MAX_INSTANCES && !self->header; n++) claim_slot(self, n);
    if (!self->header) { /* every slot taken: refuse, the host says the plugin could not be instantiated */
        free(self);
        return NULL;
    }
    self->position.beats_per_minute = 120;
    self->position.beats_per_bar = 4;
    if (pthread_create(&self->supervisor, NULL, supervise, self) == 0) self->supervisor_started = 1;
    return self;
}

static void connect_port(LV2_Handle instance, uint32_t port, void *data) {
    Analogy *self = instance;
    switch (port) {
    case PORT_MIDI_IN: self->in = data; break;
    case PORT_MIDI_OUT: self->out = data; break;
    case PORT_ENGINE: self->engine_port = data; break;
    case PORT_AUTOSTART: self->autostart_port = data; break;
    case PORT_INSTANCE: self->instance_port = data; break;
    default: break;
    }
}

static void activate(LV2_Handle instance) {
    Analogy *self = instance;
    self->frame = 0;
}

static void track(Analogy *self, const uint8_t *m, uint32_t size) {
    if (size < 3) return;
    int channel = m[0] & 0x0F, note = m[1] & 0x7F;
    uint32_t bit = 1u << (note & 31);
    if ((m[0] & 0xF0) == 0x90 && m[2] > 0) self->sounding[channel][note >> 5] |= bit;
    else if ((m[0] & 0xF0) == 0x80 || (m[0] & 0xF0) == 0x90) self->sounding[channel][note >> 5] &= ~bit;
    else if ((m[0] & 0xF0) == 0xB0 && (m[1] == 123 || m[1] == 120)) memset(self->sounding[channel], 0, sizeof self->sounding[channel]);
}

/* Appends one MIDI event to the output; 0 when the host's buffer is full. */
static int emit(Analogy *self, uint32_t capacity, int64_t offset, const uint8_t *bytes, uint32_t size) {
    struct {
        LV2_Atom_Event event;
        uint8_t bytes[4];
    } e;
    e.event.time.frames = offset;
    e.event.body.type = self->uris.midi_MidiEvent;
    e.event.body.size = size;
    memcpy(e.bytes, bytes, size);
    if (!lv2_atom_sequence_append_event(self->out, capacity, &e.event)) return 0;
    track(self, bytes, size);
    return 1;
}

/* Note-offs for every note left sounding on our output, at `offset`; as many as fit, the rest next time. */
static void release_sounding(Analogy *self, uint32_t capacity, int64_t offset) {
    for (int ch = 0; ch < 16; ch++) {
        for (int w = 0; w < 4; w++) {
            while (self->sounding[ch][w]) {
                int note = w * 32 + __builtin_ctz(self->sounding[ch][w]);
                uint8_t off[3] = {(uint8_t)(0x80 | ch), (uint8_t)note, 0};
                if (!emit(self, capacity, offset, off, 3)) {
                    self->releasing = 1;
                    return;
                }
                atomic_fetch_add_explicit(&self->header->released_notes, 1, memory_order_relaxed);
            }
        }
    }
    self->releasing = 0;
}

static void read_position(Analogy *self, const LV2_Atom_Object *obj, uint64_t at) {
    const Uris *u = &self->uris;
    const LV2_Atom *bar = NULL, *bar_beat = NULL, *bpb = NULL, *bpm = NULL, *speed = NULL, *frame = NULL;
    lv2_atom_object_get(obj, u->time_bar, &bar, u->time_barBeat, &bar_beat, u->time_beatsPerBar, &bpb,
                        u->time_beatsPerMinute, &bpm, u->time_speed, &speed, u->time_frame, &frame, 0);
#define NUMBER(a) ((a)->type == u->atom_Float ? (double)((const LV2_Atom_Float *)(a))->body \
                   : (a)->type == u->atom_Double ? ((const LV2_Atom_Double *)(a))->body \
                   : (a)->type == u->atom_Int ? (double)((const LV2_Atom_Int *)(a))->body \
                   : (a)->type == u->atom_Long ? (double)((const LV2_Atom_Long *)(a))->body : 0.0)
    struct bridge_block *p = &self->position;
    if (speed) p->speed = (float)NUMBER(speed);
    if (bpm) p->beats_per_minute = (float)NUMBER(bpm);
    if (bpb) p->beats_per_bar = (float)NUMBER(bpb);
    if (bar) p->bar = (int64_t)NUMBER(bar);
    if (bar_beat) p->bar_beat = NUMBER(bar_beat);
    if (frame) p->transport_frame = (int64_t)NUMBER(frame);
#undef NUMBER
    /* What this report holds: a host may send bar/beat with one report and only its frame with the next. */
    p->flags = (bar || bar_beat ? BRIDGE_POS_VALID : 0u) | (frame ? BRIDGE_POS_FRAME : 0u);
    p->position_frame = at;
    p->position_serial++;
}

static void run(LV2_Handle instance, uint32_t n_samples) {
    Analogy *self = instance;
    struct bridge_header *h = self->header;
    const Uris *u = &self->uris;
    int64_t now = monotonic_ns();
    uint32_t capacity = self->out->atom.size;
    lv2_atom_sequence_clear(self->out);
    self->out->atom.type = u->atom_Sequence;

    /* Hand-over: on any change of who plays, silence what was sounding, and drop what a dead engine left. */
    uint32_t state = bridge_engine_alive(h, now) ? BRIDGE_STATE_ENGINE : BRIDGE_STATE_PASS_THROUGH;
    if (state != self->state) {
        if (state == BRIDGE_STATE_PASS_THROUGH) bridge_ring_drain(self->midi_out);
        self->state = state;
        self->releasing = 1;
        atomic_store_explicit(&h->plugin_state, state, memory_order_release);
    }
    if (self->releasing) release_sounding(self, capacity, 0);
    int engine = state == BRIDGE_STATE_ENGINE;

    /* Input: MIDI to the engine (or straight through), positions kept for the block record. */
    LV2_ATOM_SEQUENCE_FOREACH (self->in, ev) {
        uint64_t at = self->frame + (uint64_t)ev->time.frames;
        if (ev->body.type == u->midi_MidiEvent) {
            const uint8_t *m = (const uint8_t *)LV2_ATOM_BODY_CONST(&ev->body);
            if (ev->body.size < 1 || ev->body.size > 3) continue; /* SysEx: not on the performance path */
            if (!engine) {
                if (!self->releasing) emit(self, capacity, ev->time.frames, m, ev->body.size);
                continue;
            }
            struct bridge_event *slot = bridge_ring_claim(self->midi_in, BRIDGE_MIDI_IN_CAPACITY, BRIDGE_EVENT_SIZE);
            if (!slot) {
                atomic_fetch_add_explicit(&h->dropped_to_engine, 1, memory_order_relaxed);
                continue;
            }
            slot->frame = at;
            slot->size = (uint8_t)ev->body.size;
            memset(slot->bytes, 0, 3);
            memcpy(slot->bytes, m, ev->body.size);
            bridge_ring_push(self->midi_in);
        } else if (ev->body.type == u->atom_Object || ev->body.type == u->atom_Blank) {
            const LV2_Atom_Object *obj = (const LV2_Atom_Object *)&ev->body;
            if (obj->body.otype == u->time_Position) read_position(self, obj, at);
        }
    }

    /* The block record: where this block is, when it began, and the host's transport. */
    struct bridge_block *b = bridge_ring_claim(self->blocks, BRIDGE_BLOCKS_CAPACITY, BRIDGE_BLOCK_SIZE);
    if (b) {
        *b = self->position;
        b->frame = self->frame;
        b->frames = n_samples;
        b->monotonic_ns = now;
        bridge_ring_push(self->blocks);
    } else if (engine) {
        atomic_fetch_add_explicit(&h->dropped_to_engine, 1, memory_order_relaxed);
    }

    /* Output: the engine's events due in this block, at their frames (non-decreasing, as LV2 requires). */
    if (engine && !self->releasing) {
        int64_t last = 0;
        const struct bridge_event *e;
        while ((e = bridge_ring_peek(self->midi_out, BRIDGE_MIDI_OUT_CAPACITY, BRIDGE_EVENT_SIZE)) != NULL) {
            if (e->frame >= self->frame + n_samples) break; /* a later block's */
            int64_t offset = 0;
            if (e->frame < self->frame) atomic_fetch_add_explicit(&h->late_events, 1, memory_order_relaxed);
            else offset = (int64_t)(e->frame - self->frame);
            if (offset < last) offset = last;
            uint32_t size = e->size >= 1 && e->size <= 3 ? e->size : 0;
            if (size && !emit(self, capacity, offset, e->bytes, size)) break; /* host buffer full: next block */
            last = offset;
            bridge_ring_pop(self->midi_out);
        }
    }

    if (self->engine_port) *self->engine_port = engine ? 1.0f : 0.0f;
    if (self->instance_port) *self->instance_port = (float)self->slot;
    atomic_fetch_add_explicit(&h->plugin_cycles, 1, memory_order_relaxed);
    self->frame += n_samples;
}

static void cleanup(LV2_Handle instance) {
    Analogy *self = instance;
    self->stop = 1;
    if (self->supervisor_started) pthread_join(self->supervisor, NULL);
    /* An engine we started goes with us (it would also leave by itself once it sees the slot freed). */
    int child = atomic_exchange(&self->header->autostarted_pid, 0);
    if (child > 0) {
        kill(child, SIGTERM);
        for (int i = 0; i < 40 && waitpid(child, NULL, WNOHANG) == 0; i++) usleep(50000);
    }
    atomic_store(&self->header->plugin_state, BRIDGE_STATE_PASS_THROUGH);
    uint64_t mine = self->owner;
    atomic_compare_exchange_strong(&self->header->plugin_owner, &mine, 0);
    munmap(self->shm, BRIDGE_FILE_SIZE);
    close(self->fd);
    free(self);
}

static const LV2_Descriptor descriptor = {
    ANALOGY_URI, instantiate, connect_port, activate, run, NULL, cleanup, NULL,
};

LV2_SYMBOL_EXPORT const LV2_Descriptor *lv2_descriptor(uint32_t index) {
    return index == 0 ? &descriptor : NULL;
}
