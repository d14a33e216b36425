package com.example.stock;

import java.time.Duration;

import org.springframework.stereotype.Service;

import io.asyncoro.spring.client.AsyncoroClient;
import io.asyncoro.spring.client.AsyncoroClientTemplate;

/** The client side of docs/protocols-and-clients.md: asks the stock server, one request per call. */
@Service
public class StockLookup {

    private final AsyncoroClientTemplate stock;

    public StockLookup(@AsyncoroClient("stock") AsyncoroClientTemplate stock) {
        this.stock = stock;
    }

    public int quantity(String sku) {
        String reply = this.stock.request(sku, String.class, Duration.ofSeconds(2));
        return Integer.parseInt(reply.substring(reply.indexOf('=') + 1));
    }
}
