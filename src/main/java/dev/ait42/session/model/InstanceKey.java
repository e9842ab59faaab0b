package dev.ait42.session.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of an instance: its session's row key and the per-session instance number. */
@Embeddable
public class InstanceKey implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "session_pk", columnDefinition = "integer")
    private Long sessionPk;

    @Column(name = "instance_id", nullable = false, columnDefinition = "integer")
    private Integer instanceId;

    protected InstanceKey() {
        // for JPA
    }

    InstanceKey(Integer instanceId) {
        this.instanceId = instanceId;
    }

    /** The key of instance {@code instanceId} of the session with row key {@code sessionPk}. */
    public static InstanceKey of(long sessionPk, int instanceId) {
        InstanceKey key = new InstanceKey(instanceId);
        key.sessionPk = sessionPk;
        return key;
    }

    public Long getSessionPk() {
        return sessionPk;
    }

    public Integer getInstanceId() {
        return instanceId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceKey other
                && Objects.equals(sessionPk, other.sessionPk)
                && Objects.equals(instanceId, other.instanceId);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(sessionPk) + Objects.hashCode(instanceId); // no varargs array per call
    }
}
