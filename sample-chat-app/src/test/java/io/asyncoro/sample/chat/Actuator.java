package io.asyncoro.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

/** Reads the app's actuator over real HTTP. */
final class Actuator {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;

    Actuator(int port) {
        this.port = port;
    }

    /** GETs {@code /actuator/<path>}; returns the status and body. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/" + path))
            .timeout(Duration.ofSeconds(10))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The COUNT of a counter under {@code /actuator/metrics}, with {@code tag=key:value} filters; 0 when it has none yet. */
    double count(String meter, String... tags) throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder("metrics/").append(meter);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
        }
        HttpResponse<String> response = get(path.toString());
        if (response.statusCode() == 404) {
            return 0;
        }
        List<Double> values = JsonPath.read(response.body(), "$.measurements[?(@.statistic == 'COUNT')].value");
        return values.get(0);
    }
}
