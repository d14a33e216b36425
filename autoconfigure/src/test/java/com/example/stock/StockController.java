package com.example.stock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/** The server side of docs/protocols-and-clients.md: answers "SKU" with "SKU=quantity". */
@SocketController("stock")
public class StockController {

    private final Map<String, Integer> quantities = new ConcurrentHashMap<>(Map.of("A-100", 7, "B-200", 0));

    @OnMessage
    public String quantity(String sku) {
        return sku + "=" + this.quantities.getOrDefault(sku, -1);
    }
}
