package dev.ait42.session.search;

import dev.ait42.session.model.InstanceKey;
import org.hibernate.search.engine.backend.common.DocumentReference;
import dev.ait42.session.model.MessageKey;
import org.hibernate.search.mapper.pojo.bridge.IdentifierBridge;
import org.hibernate.search.mapper.pojo.bridge.runtime.IdentifierBridgeFromDocumentIdentifierContext;
import org.hibernate.search.mapper.pojo.bridge.runtime.IdentifierBridgeToDocumentIdentifierContext;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Document ids of instances and messages, whose keys are composite: {@code <sessionPk>/<id>}.
 * The session key is a number, so the first slash always ends it; message ids may hold slashes.
 */
public final class SessionPartIds {

    private SessionPartIds() {
    }

    /** The session a document belongs to: a session document's id is the key itself. */
    static long sessionPk(DocumentReference document) {
        String id = document.id();
        return id.indexOf('/') < 0 ? Long.parseLong(id) : sessionPk(id);
    }

    static long sessionPk(String documentId) {
        return Long.parseLong(documentId.substring(0, documentId.indexOf('/')));
    }

    static String messageId(String documentId) {
        return documentId.substring(documentId.indexOf('/') + 1);
    }

    static int instanceId(String documentId) {
        return Integer.parseInt(messageId(documentId));
    }

    /** {@code <sessionPk>/<local id>} both ways, for a key type. */
    private abstract static class CompositeKeyBridge<K> implements IdentifierBridge<K> {
        private final Function<K, Long> sessionPk;
        private final Function<K, Object> localId;
        private final BiFunction<Long, String, K> key;

        CompositeKeyBridge(Function<K, Long> sessionPk, Function<K, Object> localId, BiFunction<Long, String, K> key) {
            this.sessionPk = sessionPk;
            this.localId = localId;
            this.key = key;
        }

        @Override
        public String toDocumentIdentifier(K value, IdentifierBridgeToDocumentIdentifierContext context) {
            return sessionPk.apply(value) + "/" + localId.apply(value);
        }

        @Override
        public K fromDocumentIdentifier(String id, IdentifierBridgeFromDocumentIdentifierContext context) {
            return key.apply(sessionPk(id), messageId(id));
        }
    }

    public static final class InstanceKeyBridge extends CompositeKeyBridge<InstanceKey> {
        public InstanceKeyBridge() {
            super(InstanceKey::getSessionPk, InstanceKey::getInstanceId,
                    (pk, local) -> InstanceKey.of(pk, Integer.parseInt(local)));
        }
    }

    public static final class MessageKeyBridge extends CompositeKeyBridge<MessageKey> {
        public MessageKeyBridge() {
            super(MessageKey::getSessionPk, MessageKey::getMessageId, MessageKey::of);
        }
    }
}
