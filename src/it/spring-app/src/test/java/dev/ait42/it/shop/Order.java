package dev.ait42.it.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The application's own entity, found by Boot's own entity scan. */
@Entity
@Table(name = "shop_orders")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String item;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    protected Order() {
    }

    public Order(String item, Instant placedAt) {
        this.item = item;
        this.placedAt = placedAt;
    }

    public Long getId() {
        return id;
    }

    public String getItem() {
        return item;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }
}
