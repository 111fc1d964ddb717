/*
 * Unit test of the bridge protocol (bridge.h) and of the plugin's run(), linked with analogy.c by
 * build-lv2.sh --test. The test plays the host (URID map, atom buffers) and the engine (it maps the same
 * shared memory and reads and writes the rings as the Java side does).
 *
 * Real-time safety of run(): the link wraps malloc, calloc, realloc, free, pthread_mutex_lock,
 * pthread_cond_wait, sem_wait, usleep and nanosleep (ld --wrap) for every call made from analogy.c; the
 * wrappers count the calls made while run() is on the stack, and the test asserts that count is zero.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lv2/atom/forge.h>
#include <lv2/atom/util.h>
#include <lv2/core/lv2.h>
#include <lv2/midi/midi.h>
#include <lv2/time/time.h>
#include <lv2/urid/urid.h>

#include "bridge.h"

static int failures;
#define CHECK(cond, ...)                                                                                  \
    do {                                                                                                  \
        if (!(cond)) {                                                                                    \
            failures++;                                                                                   \
            fprintf(stderr, "FAIL %s:%d: %s — ", __FILE__, __LINE__, #cond);                              \
            fprintf(stderr, __VA_ARGS__);                                                                 \
            fprintf(stderr, "\n");                                                                        \
        }                                                                                                 \
    } while (0)

/* ---- counting wrappers ------------------------------------------------------------------------------ */

static __thread int in_run;
static _Atomic long forbidden_calls;

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);
int __real_pthread_mutex_lock(pthread_mutex_t *);
int __real_pthread_cond_wait(pthread_cond_t *, pthread_mutex_t *);
int __real_usleep(useconds_t);
int __real_nanosleep(const struct timespec *, struct timespec *);
int __real_sem_wait(sem_t *);

#define COUNTED if (in_run) forbidden_calls++
void *__wrap_malloc(size_t n) { COUNTED; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t s) { COUNTED; return __real_calloc(n, s); }
void *__wrap_realloc(void *p, size_t n) { COUNTED; return __real_realloc(p, n); }
void __wrap_free(void *p) { COUNTED; __real_free(p); }
int __wrap_pthread_mutex_lock(pthread_mutex_t *m) { COUNTED; return __real_pthread_mutex_lock(m); }
int __wrap_pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) { COUNTED; return __real_pthread_cond_wait(c, m); }
int __wrap_usleep(useconds_t u) { COUNTED; return __real_usleep(u); }
int __wrap_nanosleep(const struct timespec *a, struct timespec *b) { COUNTED; return __real_nanosleep(a, b); }
int __wrap_sem_wait(sem_t *s) { COUNTED; return __real_sem_wait(s); }

/* ---- the ring on its own ---------------------------------------------------------------------------- */

#define RING_CAP 64
static _Alignas(64) uint8_t ring_memory[BRIDGE_RING_HEADER_SIZE + RING_CAP * BRIDGE_EVENT_SIZE];
#define TRANSFERS 2000000

static void *producer(void *arg) {
    struct bridge_ring *r = arg;
    for (uint64_t i = 0; i < TRANSFERS;) {
        struct bridge_event *e = bridge_ring_claim(r, RING_CAP, BRIDGE_EVENT_SIZE);
        if (!e) continue;
        e->frame = i;
        e->size = 3;
        e->bytes[0] = (uint8_t)(i * 7);
        bridge_ring_push(r);
        i++;
    }
    return NULL;
}

static void test_ring(void) {
    struct bridge_ring *r = (struct bridge_ring *)ring_memory;
    CHECK(bridge_ring_peek(r, RING_CAP, BRIDGE_EVENT_SIZE) == NULL, "a new ring is empty");
    for (int i = 0; i < RING_CAP; i++) {
        struct bridge_event *e = bridge_ring_claim(r, RING_CAP, BRIDGE_EVENT_SIZE);
        CHECK(e != NULL, "slot %d of %d is free", i, RING_CAP);
        e->frame = (uint64_t)i;
        bridge_ring_push(r);
    }
    CHECK(bridge_ring_claim(r, RING_CAP, BRIDGE_EVENT_SIZE) == NULL, "a full ring refuses");
    const struct bridge_event *first = bridge_ring_peek(r, RING_CAP, BRIDGE_EVENT_SIZE);
    CHECK(first && first->frame == 0, "oldest first");
    bridge_ring_pop(r);
    CHECK(bridge_ring_claim(r, RING_CAP, BRIDGE_EVENT_SIZE) != NULL, "one popped, one free");
    bridge_ring_drain(r);
    CHECK(bridge_ring_peek(r, RING_CAP, BRIDGE_EVENT_SIZE) == NULL, "drained");

    /* Two threads, two million events through 64 slots: every one arrives, in order, intact. */
    pthread_t t;
    pthread_create(&t, NULL, producer, r);
    uint64_t expected = 0, corrupt = 0;
    while (expected < TRANSFERS) {
        const struct bridge_event *e = bridge_ring_peek(r, RING_CAP, BRIDGE_EVENT_SIZE);
        if (!e) continue;
        if (e->frame != expected || e->bytes[0] != (uint8_t)(expected * 7) || e->size != 3) corrupt++;
        bridge_ring_pop(r);
        expected++;
    }
    pthread_join(t, NULL);
    CHECK(corrupt == 0, "%llu of %d events out of order or torn", (unsigned long long)corrupt, TRANSFERS);
    printf("ring: %d events across threads through %d slots, %llu out of order or torn\n", TRANSFERS, RING_CAP,
           (unsigned long long)corrupt);
}

/* ---- the host --------------------------------------------------------------------------------------- */

static const char *uris[64];
static int uri_count;

static LV2_URID map_uri(LV2_URID_Map_Handle h, const char *uri) {
    (void)h;
    for (int i = 0; i < uri_count; i++) if (!strcmp(uris[i], uri)) return (LV2_URID)(i + 1);
    uris[uri_count] = uri;
    return (LV2_URID)++uri_count;
}

static LV2_URID_Map map = {NULL, map_uri};

#define BUFFER 8192
static _Alignas(8) uint8_t in_buffer[BUFFER];
static _Alignas(8) uint8_t out_buffer[BUFFER];
static LV2_Atom_Forge forge;
static LV2_Atom_Forge_Frame seq_frame;

static void input_begin(void) {
    lv2_atom_forge_set_buffer(&forge, in_buffer, BUFFER);
    lv2_atom_forge_sequence_head(&forge, &seq_frame, 0);
}

static void input_midi(int64_t frame, uint8_t a, uint8_t b, uint8_t c) {
    uint8_t m[3] = {a, b, c};
    lv2_atom_forge_frame_time(&forge, frame);
    lv2_atom_forge_atom(&forge, 3, map_uri(NULL, LV2_MIDI__MidiEvent));
    lv2_atom_forge_write(&forge, m, 3);
}

static void input_position(int64_t frame, float bpm, int64_t bar, float bar_beat, float speed) {
    LV2_Atom_Forge_Frame obj;
    lv2_atom_forge_frame_time(&forge, frame);
    lv2_atom_forge_object(&forge, &obj, 0, map_uri(NULL, LV2_TIME__Position));
    lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__beatsPerMinute));
    lv2_atom_forge_float(&forge, bpm);
    lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__bar));
    lv2_atom_forge_long(&forge, bar);
    lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__barBeat));
    lv2_atom_forge_float(&forge, bar_beat);
    lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__beatsPerBar));
    lv2_atom_forge_float(&forge, 4);
    lv2_atom_forge_key(&forge, map_uri(NULL, LV2_TIME__speed));
    lv2_atom_forge_float(&forge, speed);
    lv2_atom_forge_pop(&forge, &obj);
}

static void input_end(void) { lv2_atom_forge_pop(&forge, &seq_frame); }

typedef struct { int64_t frame; uint8_t bytes[3]; } Out;

static int read_output(Out *outs, int max) {
    int n = 0;
    const LV2_Atom_Sequence *seq = (const LV2_Atom_Sequence *)out_buffer;
    LV2_ATOM_SEQUENCE_FOREACH (seq, ev) {
        if (n >= max) break;
        outs[n].frame = ev->time.frames;
        memcpy(outs[n].bytes, LV2_ATOM_BODY_CONST(&ev->body), 3);
        n++;
    }
    return n;
}

static const LV2_Descriptor *plugin;
static LV2_Handle handle;
static float engine_port, autostart_port = 0, instance_port;

static int process(uint32_t frames, Out *outs, int max) {
    LV2_Atom_Sequence *out = (LV2_Atom_Sequence *)out_buffer;
    out->atom.size = BUFFER - sizeof(LV2_Atom);
    in_run = 1;
    plugin->run(handle, frames);
    in_run = 0;
    return read_output(outs, max);
}

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* ---- the plugin's run() against a pretend engine ---------------------------------------------------- */

static void test_plugin(void) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "analogy-ctest-%d", getpid());
    setenv("ANALOGY_BRIDGE_NAME", prefix, 1);
    setenv("ANALOGY_PLUGIN_AUTOSTART", "0", 1);

    lv2_atom_forge_init(&forge, &map);
    plugin = lv2_descriptor(0);
    CHECK(plugin && !strcmp(plugin->URI, "urn:analogy:lv2:analogy"), "the descriptor");
    LV2_Feature map_feature = {LV2_URID__map, &map};
    const LV2_Feature *features[] = {&map_feature, NULL};
    handle = plugin->instantiate(plugin, 48000, "/nonexistent/", features);
    CHECK(handle != NULL, "instantiated");
    LV2_Handle second = plugin->instantiate(plugin, 48000, "/nonexistent/", features);
    CHECK(second != NULL, "a second instance gets a slot of its own");
    plugin->connect_port(handle, 0, in_buffer);
    plugin->connect_port(handle, 1, out_buffer);
    plugin->connect_port(handle, 2, &engine_port);
    plugin->connect_port(handle, 3, &autostart_port);
    plugin->connect_port(handle, 4, &instance_port);
    plugin->activate(handle);

    /* The engine's view: slot 1's file. */
    char name[128];
    bridge_name(name, sizeof name, 1);
    int fd = shm_open(name, O_RDWR, 0);
    CHECK(fd >= 0, "slot 1 exists (%s)", name);
    void *base = mmap(NULL, BRIDGE_FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    struct bridge_header *h = base;
    struct bridge_ring *blocks = bridge_ring_at(base, BRIDGE_BLOCKS_OFFSET);
    struct bridge_ring *midi_in = bridge_ring_at(base, BRIDGE_MIDI_IN_OFFSET);
    struct bridge_ring *midi_out = bridge_ring_at(base, BRIDGE_MIDI_OUT_OFFSET);
    CHECK(h->magic == BRIDGE_MAGIC && h->version == BRIDGE_VERSION, "header written");
    CHECK((h->plugin_owner >> 32) == (uint64_t)getpid(), "owned by this process");
    CHECK(h->sample_rate == 48000, "sample rate %u", h->sample_rate);

    Out outs[64];
    /* 1. No engine: MIDI passes through unchanged, at its frames; the engine port says 0. */
    input_begin();
    input_midi(10, 0x90, 60, 100);
    input_midi(20, 0xB0, 1, 64);
    input_end();
    int n = process(256, outs, 64);
    CHECK(n == 2 && outs[0].frame == 10 && outs[0].bytes[1] == 60 && outs[1].frame == 20 && outs[1].bytes[0] == 0xB0,
          "pass-through: %d events", n);
    CHECK(engine_port == 0 && instance_port == 1, "engine port %g, instance %g", engine_port, instance_port);
    CHECK(h->plugin_state == BRIDGE_STATE_PASS_THROUGH, "state pass-through");

    /* 2. An engine attaches (this process plays it): the passed-through note is released at frame 0, input
     *    goes to the engine stamped by host frame, with a block record carrying the host's position. */
    bridge_ring_drain(blocks);
    bridge_ring_drain(midi_in);
    atomic_store(&h->engine_heartbeat_ns, now_ns());
    atomic_store(&h->engine_pid, getpid());
    input_begin();
    input_position(0, 90, 3, 1.5f, 1);
    input_midi(5, 0x90, 64, 90);
    input_end();
    n = process(256, outs, 64);
    CHECK(n == 1 && outs[0].frame == 0 && outs[0].bytes[0] == 0x80 && outs[0].bytes[1] == 60,
          "hand-over releases the held note: %d events", n);
    CHECK(engine_port == 1, "engine port %g", engine_port);
    const struct bridge_event *in = bridge_ring_peek(midi_in, BRIDGE_MIDI_IN_CAPACITY, BRIDGE_EVENT_SIZE);
    CHECK(in && in->frame == 256 + 5 && in->size == 3 && in->bytes[1] == 64, "input stamped by host frame");
    if (in) bridge_ring_pop(midi_in);
    const struct bridge_block *b = bridge_ring_peek(blocks, BRIDGE_BLOCKS_CAPACITY, BRIDGE_BLOCK_SIZE);
    CHECK(b && b->frame == 256 && b->frames == 256 && b->beats_per_minute == 90 && b->bar == 3 && b->bar_beat == 1.5
              && b->speed == 1 && b->position_frame == 256 && (b->flags & BRIDGE_POS_VALID) && b->monotonic_ns > 0,
          "block record with the position");
    bridge_ring_drain(blocks);

    /* 3. The engine's events come out at their frames; one already past comes at frame 0 and is counted. */
    uint64_t frames[] = {400, 512 + 3, 512 + 100, 512 + 255, 768 + 1};
    uint8_t notes[] = {50, 51, 52, 53, 54};
    for (int i = 0; i < 5; i++) {
        struct bridge_event *e = bridge_ring_claim(midi_out, BRIDGE_MIDI_OUT_CAPACITY, BRIDGE_EVENT_SIZE);
        e->frame = frames[i];
        e->size = 3;
        e->bytes[0] = 0x91;
        e->bytes[1] = notes[i];
        e->bytes[2] = 100;
        bridge_ring_push(midi_out);
    }
    atomic_store(&h->engine_heartbeat_ns, now_ns());
    input_begin();
    input_end();
    n = process(256, outs, 64); /* frames 512..767 */
    CHECK(n == 4 && outs[0].frame == 0 && outs[1].frame == 3 && outs[2].frame == 100 && outs[3].frame == 255,
          "engine events at their frames: %d events", n);
    CHECK(h->late_events == 1, "late %llu", (unsigned long long)h->late_events);

    /* 4. The engine dies (a child process that has exited): pass-through in the very next block, the
     *    engine's sounding notes released, its queued event dropped. */
    pid_t dead = fork();
    if (dead == 0) _exit(0);
    waitpid(dead, NULL, 0);
    atomic_store(&h->engine_pid, dead);
    input_begin();
    input_midi(7, 0x90, 70, 80);
    input_end();
    n = process(256, outs, 64);
    int offs = 0;
    for (int i = 0; i < n; i++) if (outs[i].bytes[0] == 0x81 && outs[i].frame == 0) offs++;
    CHECK(n == 5 && offs == 4 && outs[4].frame == 7 && outs[4].bytes[1] == 70,
          "death: 4 note-offs then pass-through, got %d events (%d note-offs)", n, offs);
    CHECK(engine_port == 0, "engine port %g after death", engine_port);
    CHECK(bridge_ring_peek(midi_out, BRIDGE_MIDI_OUT_CAPACITY, BRIDGE_EVENT_SIZE) == NULL, "dead engine's queue dropped");

    /* 5. A live pid with a stale heartbeat is gone too. */
    atomic_store(&h->engine_pid, getpid());
    atomic_store(&h->engine_heartbeat_ns, now_ns() - 2 * BRIDGE_STALE_NS);
    input_begin();
    input_end();
    n = process(256, outs, 64);
    CHECK(engine_port == 0, "stale heartbeat: engine port %g", engine_port);

    /* 6. A thousand blocks more with traffic, for the counters. */
    atomic_store(&h->engine_heartbeat_ns, now_ns());
    for (int i = 0; i < 1000; i++) {
        if (i % 100 == 0) atomic_store(&h->engine_heartbeat_ns, now_ns());
        input_begin();
        input_midi(i % 256, 0x90, 40 + i % 20, 1 + i % 100);
        input_position(0, 120, i / 8, (float)(i % 8) / 2, 1);
        input_end();
        process(256, outs, 64);
        bridge_ring_drain(midi_in);
        bridge_ring_drain(blocks);
    }
    CHECK(forbidden_calls == 0, "run() made %ld calls to malloc/free/locks/sleeps", (long)forbidden_calls);
    printf("run(): %llu process calls, %ld allocation, lock or sleep calls inside run()\n",
           (unsigned long long)h->plugin_cycles, (long)forbidden_calls);

    plugin->cleanup(second);
    plugin->cleanup(handle);
    CHECK(h->plugin_owner == 0, "slot freed on cleanup");
    munmap(base, BRIDGE_FILE_SIZE);
    close(fd);
    for (int i = 1; i <= 2; i++) {
        bridge_name(name, sizeof name, i);
        shm_unlink(name);
    }
}

int main(void) {
    test_ring();
    test_plugin();
    if (failures) {
        fprintf(stderr, "bridge_test: %d failures\n", failures);
        return 1;
    }
    printf("bridge_test: all passed\n");
    return 0;
}
