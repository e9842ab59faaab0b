package dev.ait42.it.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with its own entity, repository and changelog, and ait42-session on its classpath. */
@SpringBootApplication
public class ShopApplication {
}
