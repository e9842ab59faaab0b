package dev.ait42.session;

import dev.ait42.session.model.Limits;

/** The workspace, session or instance named in a call does not exist (in that workspace). */
public class NotFoundException extends SessionStoreException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException workspace(String workspaceHash) {
        return new NotFoundException("workspace '" + workspaceHash + "' is not registered");
    }

    public static NotFoundException session(String workspaceHash, String sessionId) {
        return new NotFoundException("session " + Limits.quoted(sessionId) + " not found in workspace '"
                + workspaceHash + "'");
    }

    public static NotFoundException instance(String workspaceHash, String sessionId, int instanceId) {
        return new NotFoundException("instance " + instanceId + " not found in session " + Limits.quoted(sessionId)
                + " of workspace '" + workspaceHash + "'");
    }
}
