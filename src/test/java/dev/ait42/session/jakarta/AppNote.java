package dev.ait42.session.jakarta;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An application's own entity, in the same persistence unit and transactions as the library's. */
@Entity
@Table(name = "app_note")
public class AppNote {

    /** The application's own table (the library's changelog knows nothing of it). */
    static final String DDL = "create table app_note (id text primary key, body text not null)";

    @Id
    @Column(columnDefinition = "text")
    private String id;

    @Column(columnDefinition = "text", nullable = false)
    private String body;

    protected AppNote() {
    }

    AppNote(String id, String body) {
        this.id = id;
        this.body = body;
    }

    String getBody() {
        return body;
    }
}
