#!/usr/bin/env bash
# AOT check of the sample chat app, runnable from anywhere (CI: sample-chat-app/src/test/aot-check.sh).
# Builds the app with -Paot (spring-boot:process-aot), starts the jar with -Dspring.aot.enabled=true on free
# loopback ports, and chats through it with two clients (AotChatCheck.java). Exit status 0 on success.
# Every step is bounded by a timeout. No GraalVM needed: this is the JVM step before a native image.
set -euo pipefail
cd "$(dirname "$0")/../../.."

# The jar needs Java 21+, while Maven may run on 17 with a toolchain: use JAVA_HOME or PATH's java when that is
# 21+, else the newest JDK under /usr/lib/jvm.
major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java" >/dev/null 2>&1 || [ "$(major "$java")" -lt 21 ]; then
  java=$(for dir in /usr/lib/jvm/*/; do [ -x "${dir}bin/java" ] && echo "$(major "${dir}bin/java") ${dir}bin/java"; done \
    | sort -n | tail -1 | cut -d' ' -f2)
  if [ -z "$java" ] || [ "$(major "$java")" -lt 21 ]; then
    echo "aot-check: no Java 21+ to run the sample on" >&2
    exit 1
  fi
fi

# process-aot compiles the generated sources inside Maven's own JVM (not a toolchain's), so Maven runs on it too.
JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java")")") \
  timeout 900 ./mvnw -B -ntp -q -pl sample-chat-app -am -Paot -DskipTests package
jar=$(ls sample-chat-app/target/sample-chat-app-*.jar | grep -v -e '-sources\.jar$' -e '\.original$' | head -n 1)
if [ -z "$jar" ]; then
  echo "aot-check: no sample-chat-app jar was built" >&2
  exit 1
fi
# The listing is taken whole first: with pipefail, grep -q closing the pipe early would fail unzip (SIGPIPE).
listing=$(unzip -l "$jar")
if ! grep -q 'ChatApplication__ApplicationContextInitializer' <<< "$listing"; then
  echo "aot-check: $jar has no AOT-generated initializer; was -Paot applied?" >&2
  exit 1
fi
timeout 240 "$java" sample-chat-app/src/test/aot/AotChatCheck.java "$jar"
