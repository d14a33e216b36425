#!/usr/bin/env bash
# AOT check of the sample chat app, runnable from anywhere (CI: sample-chat-app/src/test/aot-check.sh).
# Builds the app with -Paot (spring-boot:process-aot), starts the jar with -Dspring.aot.enabled=true on free
# loopback ports, and chats through it with two clients (AotChatCheck.java). Exit status 0 on success.
# Every step is bounded by a timeout. No GraalVM needed: this is the JVM step before a native image.
set -euo pipefail
cd "$(dirname "$0")/../../.."

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

timeout 900 ./mvnw -B -ntp -q -pl sample-chat-app -am -Paot -DskipTests package
jar=$(ls sample-chat-app/target/sample-chat-app-*.jar | grep -v -e '-sources\.jar$' -e '\.original$' | head -n 1)
if [ -z "$jar" ]; then
  echo "aot-check: no sample-chat-app jar was built" >&2
  exit 1
fi
if ! unzip -l "$jar" | grep -q 'ChatApplication__ApplicationContextInitializer'; then
  echo "aot-check: $jar has no AOT-generated initializer; was -Paot applied?" >&2
  exit 1
fi
timeout 240 "$java" sample-chat-app/src/test/aot/AotChatCheck.java "$jar"
