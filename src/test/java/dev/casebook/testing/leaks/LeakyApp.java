package dev.casebook.testing.leaks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A small program with planted leaks whose chains the tests know, which writes its own heap dump with
 * {@code HotSpotDiagnosticMXBean.dumpHeap}. Run in a separate JVM:
 * {@code LeakyApp <file.hprof> <live|all> [rooms] [ballast objects]}.
 *
 * <ul>
 *   <li>{@code Room}: {@code rooms} instances in the static map {@code REGISTRY}.</li>
 *   <li>{@code Screen}: held by an inner-class listener ({@code this$0}) in a static button's list.</li>
 *   <li>{@code Session}: the ThreadLocal value of the live thread "session-keeper".</li>
 *   <li>{@code Job}: the local {@code victim} of the waiting thread "worker-1".</li>
 *   <li>{@code Weakling}, {@code Softling}: only weakly / softly reachable.</li>
 *   <li>{@code Tail}: the payload of the last link of a 1,000-link list from {@code HEAD}, also reachable
 *       through the static {@code SHORTCUT} to the link before the last.</li>
 *   <li>{@code Cell}: in {@code GRID[3][4]}, an array of arrays.</li>
 *   <li>{@code Garbage}: unreachable (only in an "all" dump).</li>
 *   <li>{@code PluginLoader}: a class loader held only through the one instance of the class it defined,
 *       {@code Plugin}, in the static {@code PLUGIN} (the redeploy leak: instance, its class, its loader);
 *       {@code PluginBase}, which it defined too, is nearest through its subclass ({@code <super>}).</li>
 *   <li>{@code LeakyListener}: {@code LISTENER_COUNT} listeners, each holding 1 KB, in the static list
 *       {@code Bus.LISTENERS} that nobody empties; {@code CacheEntry}: values of the static map
 *       {@code Cache.ENTRIES}. Each holds a large share of the heap: the triage suspects.</li>
 * </ul>
 */
public final class LeakyApp {

    public static final int LIST_LENGTH = 1000;
    public static final int LISTENER_COUNT = 3000;
    public static final int CACHE_ENTRIES = 1500;

    static final Map<String, Room> REGISTRY = new HashMap<>();
    static final Button BUTTON = new Button();
    static final WeakReference<Weakling> WEAK = new WeakReference<>(new Weakling());
    static final SoftReference<Softling> SOFT = new SoftReference<>(new Softling());
    static Link HEAD;
    static Link SHORTCUT;
    static final Object[][] GRID = new Object[5][6];
    static final ThreadLocal<Session> SESSION = new ThreadLocal<>();
    static Object sink;
    static Object PLUGIN;
    static final Room[] FEATURED = new Room[1];
    static Object[][] BALLAST;

    public static final class Room {
        final int number;

        Room(int number) {
            this.number = number;
        }
    }

    public static final class Button {
        final List<Object> listeners = new ArrayList<>();
    }

    public static final class Screen {
        final String title = "checkout";

        void open() {
            BUTTON.listeners.add(new Listener());
        }

        final class Listener {
            void clicked() {
                sink = title;
            }
        }
    }

    public static final class Session {
    }

    public static final class Bus {
        static final List<Object> LISTENERS = new ArrayList<>();
    }

    public static final class LeakyListener {
        final byte[] state = new byte[1024];
    }

    public static final class Cache {
        static final Map<Integer, CacheEntry> ENTRIES = new HashMap<>();
    }

    public static final class CacheEntry {
        final long[] values = new long[200];
    }

    public static class PluginBase {
    }

    public static final class Plugin extends PluginBase {
        final byte[] state = new byte[256];
    }

    /** Defines {@link Plugin} and its superclass itself (no delegation for them), as a plugin system or a redeploy does. */
    public static final class PluginLoader extends ClassLoader {
        PluginLoader() {
            super(LeakyApp.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(Plugin.class.getName()) && !name.equals(PluginBase.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
                    try (var in = LeakyApp.class.getResourceAsStream(file)) {
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    public static final class Job {
        void finish() {
            sink = this;
        }
    }

    public static final class Weakling {
    }

    public static final class Softling {
    }

    public static final class Link {
        Link next;
        Object payload;
    }

    public static final class Tail {
    }

    public static final class Cell {
    }

    /** Filler that gives benchmark dumps a realistic object count: an object and its small array. */
    public static final class Ballast {
        final long serial;
        final byte[] bytes;
        Ballast next;

        Ballast(long serial) {
            this.serial = serial;
            this.bytes = new byte[8 + (int) (serial % 24)];
        }
    }

    public static final class Garbage {
        final byte[] payload = new byte[64];
    }

    static final class Worker extends Thread {
        private final CountDownLatch started;
        private final CountDownLatch release;

        Worker(CountDownLatch started, CountDownLatch release) {
            super("worker-1");
            this.started = started;
            this.release = release;
            setDaemon(true);
        }

        @Override
        public void run() {
            Job victim = new Job();
            started.countDown();
            awaitQuietly(release);
            victim.finish();
        }
    }

    static final class Keeper extends Thread {
        private final CountDownLatch started;
        private final CountDownLatch release;

        Keeper(CountDownLatch started, CountDownLatch release) {
            super("session-keeper");
            this.started = started;
            this.release = release;
            setDaemon(true);
        }

        @Override
        public void run() {
            SESSION.set(new Session());
            started.countDown();
            awaitQuietly(release);
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        boolean live = !"all".equals(args[1]);
        int rooms = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int ballast = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Object[][] chunks = new Object[(ballast + 9999) / 10000][];
        for (int i = 0; i < ballast; i++) {
            if (i % 10000 == 0) {
                chunks[i / 10000] = new Object[10000];
            }
            chunks[i / 10000][i % 10000] = new Ballast(i);
        }
        BALLAST = chunks;
        for (int i = 0; i < rooms; i++) {
            REGISTRY.put("room-" + i, new Room(i));
        }
        new Screen().open();
        buildList();
        for (int i = 0; i < LISTENER_COUNT; i++) {
            Bus.LISTENERS.add(new LeakyListener());
        }
        for (int i = 0; i < CACHE_ENTRIES; i++) {
            Cache.ENTRIES.put(i, new CacheEntry());
        }
        PLUGIN = new PluginLoader().loadClass(Plugin.class.getName()).getDeclaredConstructor().newInstance();
        GRID[3][4] = new Cell();
        sink = new Garbage();
        sink = null;
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        new Worker(started, release).start();
        new Keeper(started, release).start();
        started.await();
        Files.deleteIfExists(out);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(out.toString(), live);
        release.countDown();
        if (WEAK.get() == null && SOFT.get() == null) {
            System.out.println("references were cleared before the dump");
        }
    }

    /** In its own frame, so that no local of main() holds a link when the dump is written. */
    private static void buildList() {
        Link first = new Link();
        Link link = first;
        for (int i = 1; i < LIST_LENGTH; i++) {
            link.next = new Link();
            link = link.next;
        }
        link.payload = new Tail();
        HEAD = first;
        // The tail hangs off the last link: through HEAD it is 1,000 links away, through SHORTCUT two.
        SHORTCUT = secondToLast(first);
    }

    private static Link secondToLast(Link first) {
        Link link = first;
        while (link.next.next != null) {
            link = link.next;
        }
        return link;
    }
}
