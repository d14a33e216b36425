#!/usr/bin/env python3
"""asyncoro's chat_sock_client.py with plain sockets (Python 3 standard library only).

Speaks the chat protocol of chat-sock-server with asyncoro's framing: every message is
struct.pack('>L', len(data)) + data. A thread prints each message from the server while the main
thread sends each line typed. 'quit', 'exit' or the end of input half-closes the connection
(shutdown(SHUT_WR), as asyncoro's client did); the client then waits for the server to close it.

    python3 chat_sock_client.py [host] [port]        (default 127.0.0.1 1234)
"""

import socket
import struct
import sys
import threading

HEADER = struct.Struct('>L')


def recv_all(sock, n):
    data = b''
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def recv_msg(sock):
    """The next message, or None when the server closed the connection (asyncoro returned '')."""
    header = recv_all(sock, HEADER.size)
    if len(header) != HEADER.size:
        return None
    (n,) = HEADER.unpack(header)
    data = recv_all(sock, n)
    return data if len(data) == n else None


def send_msg(sock, data):
    sock.sendall(HEADER.pack(len(data)) + data)


def client_recv(sock):
    """asyncoro's client_recv coroutine: print until the server closes."""
    while True:
        line = recv_msg(sock)
        if line is None:
            break
        print(line.decode('utf-8', 'replace'), flush=True)


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else '127.0.0.1'
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 1234
    sock = socket.create_connection((host, port))
    receiver = threading.Thread(target=client_recv, args=(sock,))
    receiver.start()

    for line in sys.stdin:
        line = line.strip()
        if line.lower() in ('exit', 'quit'):
            break
        if line:  # asyncoro's server took an empty message for leaving
            send_msg(sock, line.encode('utf-8'))
    sock.shutdown(socket.SHUT_WR)
    receiver.join(30)
    sock.close()
    return 1 if receiver.is_alive() else 0


if __name__ == '__main__':
    sys.exit(main())
