/*
 * The bridge between an Analogy plugin instance (inside a DAW) and the Analogy engine (its own process):
 * one POSIX shared-memory file per plugin instance, holding a header and three single-producer/single-consumer
 * rings of fixed-size slots. Nothing in it is specific to LV2: a CLAP or VST3 wrapper is another thin file
 * over this header (fill the block record and the MIDI-in ring from the host's process call, write the
 * MIDI-out ring's due events into the host's output, call bridge_engine_alive()).
 *
 * File:   /dev/shm/analogy-plugin-N  (shm_open name "/analogy-plugin-N"; the environment variable
 *         ANALOGY_BRIDGE_NAME, inherited by an engine the plugin starts, replaces "analogy-plugin"), N = 1..BRIDGE_MAX_INSTANCES: the
 *         instance slot. The plugin instance claims the first free slot; the engine attaches with
 *         `--in plugin:N`. Whoever comes first creates the file and writes the header, under an fcntl write
 *         lock on the whole file (Java's FileChannel.lock takes the same kind of lock).
 * Layout: little-endian, every offset fixed below; the Java side (org.analogy.plugin.Bridge) mirrors it.
 *
 *   0    header (BRIDGE_HEADER_SIZE bytes, struct bridge_header)
 *   4096 ring "blocks"   plugin → engine, one slot per host process call (struct bridge_block, 80 bytes)
 *   ...  ring "midi_in"  plugin → engine, MIDI the host gave the plugin, stamped by host frame (16-byte slots)
 *   ...  ring "midi_out" engine → plugin, MIDI the engine wants written at a host frame (16-byte slots)
 *
 * Rings: `write` is advanced only by the producer, `read` only by the consumer, both counting slots from 0
 * forever (64-bit, never wrap in practice); slot i lives at (i & (capacity-1)). The producer writes the slot,
 * then stores `write` with release order; the consumer loads `write` with acquire order, reads, then stores
 * `read` with release order. Full: write - read == capacity (the producer drops and counts). No locks, no
 * waiting, no allocation on either side.
 *
 * Frames: the plugin counts the frames of every process call since it was activated ("host frames"); each
 * block record says where the block starts in that count, how long it is and when (CLOCK_MONOTONIC, the
 * clock Java's System.nanoTime reads on Linux) the process call began. Transport comes with every block as
 * the host last reported it (time:Position in LV2) and the host frame at which it was valid.
 *
 * Liveness: the engine writes its pid on attaching and refreshes `engine_heartbeat_ns` (CLOCK_MONOTONIC)
 * at least every few milliseconds. The plugin treats the engine as gone when its pid no longer exists or the
 * heartbeat is older than BRIDGE_STALE_NS; it then passes MIDI through and releases the notes the engine had
 * sounding. On attaching, the engine (now the only party touching its own ends) empties the rings it reads
 * and leaves the ring it writes empty, so nothing stale crosses over.
 */
#ifndef ANALOGY_BRIDGE_H
#define ANALOGY_BRIDGE_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BRIDGE_MAGIC 0x474C4E41u /* "ANLG" */
#define BRIDGE_VERSION 1u
#define BRIDGE_MAX_INSTANCES 16
#define BRIDGE_DEFAULT_PREFIX "analogy-plugin" /* ANALOGY_BRIDGE_NAME replaces it (tests run beside a DAW) */
#define BRIDGE_STALE_NS 250000000LL /* a heartbeat older than this: the engine is gone (a long GC pause is ~50 ms) */

#define BRIDGE_HEADER_SIZE 4096
#define BRIDGE_BLOCKS_CAPACITY 256
#define BRIDGE_BLOCK_SIZE 80
#define BRIDGE_MIDI_IN_CAPACITY 1024
#define BRIDGE_MIDI_OUT_CAPACITY 4096
#define BRIDGE_EVENT_SIZE 16
#define BRIDGE_RING_HEADER_SIZE 128 /* write index, read index, each on its own cache line */

#define BRIDGE_BLOCKS_OFFSET BRIDGE_HEADER_SIZE
#define BRIDGE_MIDI_IN_OFFSET (BRIDGE_BLOCKS_OFFSET + BRIDGE_RING_HEADER_SIZE + BRIDGE_BLOCKS_CAPACITY * BRIDGE_BLOCK_SIZE)
#define BRIDGE_MIDI_OUT_OFFSET (BRIDGE_MIDI_IN_OFFSET + BRIDGE_RING_HEADER_SIZE + BRIDGE_MIDI_IN_CAPACITY * BRIDGE_EVENT_SIZE)
#define BRIDGE_FILE_SIZE (BRIDGE_MIDI_OUT_OFFSET + BRIDGE_RING_HEADER_SIZE + BRIDGE_MIDI_OUT_CAPACITY * BRIDGE_EVENT_SIZE)

/* Header, at offset 0. Offsets in comments are the Java side's. */
struct bridge_header {
    uint32_t magic;                         /* 0: BRIDGE_MAGIC, written last when the file is made */
    uint32_t version;                       /* 4 */
    _Atomic uint64_t plugin_owner;          /* 8: (pid << 32 | instance serial) of the plugin instance using it; 0 free */
    _Atomic int32_t engine_pid;             /* 16: the attached engine's pid, 0 none */
    _Atomic uint32_t engine_generation;     /* 20: +1 on every engine attach */
    _Atomic int64_t engine_heartbeat_ns;    /* 24: CLOCK_MONOTONIC of the engine's last sign of life */
    _Atomic uint32_t sample_rate;           /* 32: the host's, written by the plugin on instantiate */
    _Atomic uint32_t plugin_state;          /* 36: BRIDGE_STATE_* as the plugin last saw it */
    _Atomic uint64_t plugin_cycles;         /* 40: process calls so far */
    _Atomic uint64_t dropped_to_engine;     /* 48: slots dropped on a full blocks or midi_in ring */
    _Atomic uint64_t late_events;           /* 56: engine events found after their frame (written at frame 0) */
    _Atomic uint64_t released_notes;        /* 64: note-offs the plugin sent itself on a hand-over */
    _Atomic int32_t autostarted_pid;        /* 72: the engine the plugin started, 0 none */
    uint32_t reserved0;                     /* 76 */
    _Atomic int64_t follow_lag_ns;          /* 80: engine: from the start of the block that changed the transport to the engine being told */
    _Atomic uint64_t follow_count;          /* 88: engine: transport changes told */
};

#define BRIDGE_STATE_PASS_THROUGH 0u
#define BRIDGE_STATE_ENGINE 1u

struct bridge_ring {
    _Atomic uint64_t write;                 /* producer's; own cache line */
    uint8_t pad0[56];
    _Atomic uint64_t read;                  /* consumer's */
    uint8_t pad1[56];
    uint8_t slots[];                        /* capacity * slot size */
};

/* One host process call, with the host's transport as last reported. */
struct bridge_block {
    uint64_t frame;          /* 0: first host frame of the block */
    uint32_t frames;         /* 8: its length */
    uint32_t flags;          /* 12: BRIDGE_POS_* */
    int64_t monotonic_ns;    /* 16: CLOCK_MONOTONIC when the process call began */
    uint64_t position_frame; /* 24: host frame at which the position below was valid */
    double bar_beat;         /* 32: beat within the bar (0-based, fractional) */
    int64_t bar;             /* 40: bar (0-based) */
    float beats_per_minute;  /* 48 */
    float beats_per_bar;     /* 52 */
    float speed;             /* 56: 0 stopped, 1 rolling */
    uint32_t position_serial;/* 60: +1 each time the host reported a new position */
    int64_t transport_frame; /* 64: the host transport's own frame at position_frame (time:frame) */
    uint64_t reserved;       /* 72 */
};

#define BRIDGE_POS_VALID 1u  /* the last report held a musical position (bar, beat) */
#define BRIDGE_POS_FRAME 2u  /* the last report held the transport's frame (time:frame); tempo is the last one reported */

/* A MIDI message at a host frame. */
struct bridge_event {
    uint64_t frame;          /* 0 */
    uint8_t size;            /* 8: 1..3 */
    uint8_t bytes[3];        /* 9 */
    uint32_t reserved;       /* 12 */
};

_Static_assert(sizeof(struct bridge_header) <= BRIDGE_HEADER_SIZE, "header fits");
_Static_assert(sizeof(struct bridge_block) == BRIDGE_BLOCK_SIZE, "block slot");
_Static_assert(sizeof(struct bridge_event) == BRIDGE_EVENT_SIZE, "event slot");
_Static_assert(sizeof(struct bridge_ring) == BRIDGE_RING_HEADER_SIZE, "ring header");

/* The shm_open name of slot n. Not for real-time threads (reads the environment). */
static inline void bridge_name(char *name, size_t size, int n) {
    const char *prefix = getenv("ANALOGY_BRIDGE_NAME");
    snprintf(name, size, "/%s-%d", prefix && *prefix && !strchr(prefix, '/') ? prefix : BRIDGE_DEFAULT_PREFIX, n);
}

static inline struct bridge_ring *bridge_ring_at(void *base, uint32_t offset) {
    return (struct bridge_ring *)((uint8_t *)base + offset);
}

/* Producer: a pointer to the next free slot, or NULL when full. Publish it with bridge_ring_push. */
static inline void *bridge_ring_claim(struct bridge_ring *r, uint32_t capacity, uint32_t slot_size) {
    uint64_t w = atomic_load_explicit(&r->write, memory_order_relaxed);
    uint64_t rd = atomic_load_explicit(&r->read, memory_order_acquire);
    if (w - rd >= capacity) return NULL;
    return r->slots + (size_t)(w & (capacity - 1)) * slot_size;
}

static inline void bridge_ring_push(struct bridge_ring *r) {
    uint64_t w = atomic_load_explicit(&r->write, memory_order_relaxed);
    atomic_store_explicit(&r->write, w + 1, memory_order_release);
}

/* Consumer: the oldest slot, or NULL when empty. Release it with bridge_ring_pop. */
static inline const void *bridge_ring_peek(struct bridge_ring *r, uint32_t capacity, uint32_t slot_size) {
    uint64_t rd = atomic_load_explicit(&r->read, memory_order_relaxed);
    uint64_t w = atomic_load_explicit(&r->write, memory_order_acquire);
    if (rd == w) return NULL;
    return r->slots + (size_t)(rd & (capacity - 1)) * slot_size;
}

static inline void bridge_ring_pop(struct bridge_ring *r) {
    uint64_t rd = atomic_load_explicit(&r->read, memory_order_relaxed);
    atomic_store_explicit(&r->read, rd + 1, memory_order_release);
}

/* Consumer: forgets everything queued (only safe while the producer is gone or paused). */
static inline void bridge_ring_drain(struct bridge_ring *r) {
    atomic_store_explicit(&r->read, atomic_load_explicit(&r->write, memory_order_acquire), memory_order_release);
}

#endif
