package org.plenum.core.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The actor mechanics behind a room: a queue drained by one virtual thread, so that whatever the
 * owner's handler touches is only ever touched by that thread, in the order messages arrived. After
 * each message the owner says whether the actor may end. Once it has ended, {@link #post} fails, so the
 * sender can turn to a new actor instead.
 */
final class Mailbox<E> {

    /** Whether the actor may end after the message just handled. */
    enum Ending {
        /** Keep going. */
        NO,
        /** End if nothing else is queued (for example: the room is empty). */
        WHEN_IDLE,
        /** End now; whatever is still queued goes to {@link Owner#ended}. */
        NOW
    }

    interface Owner<E> {

        /** Handles one message on the actor's thread; must not throw. */
        void handle(E message);

        Ending ending();

        /** On the actor's thread, once, after it ended. {@code leftovers} were posted but never handled. */
        void ended(List<E> leftovers);
    }

    private final LinkedBlockingQueue<E> queue = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private final Owner<E> owner;
    private final Thread thread;
    private boolean stopped;

    Mailbox(String name, Owner<E> owner) {
        this.owner = owner;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues a message; false when the actor has ended. */
    boolean post(E message) {
        synchronized (lifecycle) {
            if (stopped) {
                return false;
            }
            queue.add(message);
            return true;
        }
    }

    void awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void run() {
        try {
            boolean end = false;
            while (!end) {
                owner.handle(queue.take());
                Ending ending = owner.ending();
                if (ending != Ending.NO) {
                    synchronized (lifecycle) {
                        end = ending == Ending.NOW || queue.isEmpty();
                        stopped = end;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            List<E> leftovers;
            synchronized (lifecycle) {
                stopped = true;
                leftovers = new ArrayList<>(queue);
                queue.clear();
            }
            owner.ended(leftovers);
        }
    }
}
