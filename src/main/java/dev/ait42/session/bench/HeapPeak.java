package dev.ait42.session.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap's peak use: the heap is fullest just before a collection, so the peak is the largest
 * sum of the pools' use before any collection (or the use now, if higher). Summing each pool's own
 * peak instead would add peaks of different moments and overstate it.
 */
final class HeapPeak {

    private final AtomicLong peak = new AtomicLong();

    private HeapPeak() {
    }

    static HeapPeak watch() {
        HeapPeak heapPeak = new HeapPeak();
        // Collections report every pool, metaspace and code cache included: count the heap's.
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long before = info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum();
                    heapPeak.peak.accumulateAndGet(before, Math::max);
                }
            }, null, null);
        }
        return heapPeak;
    }

    long bytes() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return peak.accumulateAndGet(now, Math::max);
    }
}
