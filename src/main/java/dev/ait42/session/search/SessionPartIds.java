package dev.ait42.session.search;

import dev.ait42.session.model.InstanceKey;
import org.hibernate.search.engine.backend.common.DocumentReference;
import dev.ait42.session.model.MessageKey;
import org.hibernate.search.mapper.pojo.bridge.IdentifierBridge;
import org.hibernate.search.mapper.pojo.bridge.runtime.IdentifierBridgeFromDocumentIdentifierContext;
import org.hibernate.search.mapper.pojo.bridge.runtime.IdentifierBridgeToDocumentIdentifierContext;

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

    public static final class InstanceKeyBridge implements IdentifierBridge<InstanceKey> {
        @Override
        public String toDocumentIdentifier(InstanceKey key, IdentifierBridgeToDocumentIdentifierContext context) {
            return key.getSessionPk() + "/" + key.getInstanceId();
        }

        @Override
        public InstanceKey fromDocumentIdentifier(String id, IdentifierBridgeFromDocumentIdentifierContext context) {
            return InstanceKey.of(sessionPk(id), instanceId(id));
        }
    }

    public static final class MessageKeyBridge implements IdentifierBridge<MessageKey> {
        @Override
        public String toDocumentIdentifier(MessageKey key, IdentifierBridgeToDocumentIdentifierContext context) {
            return key.getSessionPk() + "/" + key.getMessageId();
        }

        @Override
        public MessageKey fromDocumentIdentifier(String id, IdentifierBridgeFromDocumentIdentifierContext context) {
            return MessageKey.of(sessionPk(id), messageId(id));
        }
    }
}
