#!/usr/bin/env python3
"""Chats through the sample chat server the way asyncoro's chat_sock_client.py does.

asyncoro's client frames every message with AsyncSocket.send_msg: a 4-byte big-endian unsigned length
(struct '>L'), then the payload; it reads with recv_msg, and when its input ends it stops sending. This
script speaks the same bytes with nothing but the standard library, so it runs where asyncoro is not
installed, and checks the texts of asyncoro's chat protocol:

  a newcomer gets 'id: N'; the others get 'N joined'; a message reaches every other client as
  'N says: text'; on close or half-close the others get 'N left' and the server closes the connection.

usage: chat_client_check.py HOST PORT [MESSAGE]

Two clients join; the first says MESSAGE (default: a greeting with non-ASCII text), the second hears it
and answers; then both leave, the second by half-closing as chat_sock_client.py does at end of input, and
the first by closing. Exit status 0 when everything arrived as expected, 1 with the reason otherwise.
Lines starting with 'ok:' on standard output trace each check.
"""

import socket
import struct
import sys

TIMEOUT = 15.0
HEADER = struct.Struct('>L')


class CheckFailed(Exception):
    pass


def send_msg(sock, text):
    payload = text.encode('utf-8')
    sock.sendall(HEADER.pack(len(payload)) + payload)


def recv_exactly(sock, n):
    data = b''
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            if data:
                raise CheckFailed('the stream ended inside a frame after %d of %d bytes' % (len(data), n))
            return None
        data += chunk
    return data


def recv_msg(sock):
    """The next message as text, or None at a clean end of stream (like asyncoro's recv_msg)."""
    header = recv_exactly(sock, HEADER.size)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    payload = recv_exactly(sock, length) if length else b''
    if payload is None:
        raise CheckFailed('the stream ended after a header announcing %d bytes' % length)
    return payload.decode('utf-8')


def expect(sock, who, wanted):
    got = recv_msg(sock)
    if got != wanted:
        raise CheckFailed('%s expected %r but got %r' % (who, wanted, got))
    print('ok: %s got %r' % (who, got))


def greeting(sock, who):
    got = recv_msg(sock)
    if got is None or not got.startswith('id: ') or not got[4:].isdigit():
        raise CheckFailed('%s expected "id: N" first but got %r' % (who, got))
    print('ok: %s got %r' % (who, got))
    return int(got[4:])


def expect_server_close(sock, who):
    try:
        got = recv_msg(sock)
    except ConnectionResetError:
        got = None
    if got is not None:
        raise CheckFailed('%s expected the server to close but got %r' % (who, got))
    print('ok: the server closed %s' % who)


def connect(host, port):
    sock = socket.create_connection((host, port), timeout=TIMEOUT)
    sock.settimeout(TIMEOUT)
    return sock


def check(host, port, message):
    first = connect(host, port)
    n1 = greeting(first, 'first')
    second = connect(host, port)
    n2 = greeting(second, 'second')
    expect(first, 'first', '%d joined' % n2)

    send_msg(first, message)
    expect(second, 'second', '%d says: %s' % (n1, message))
    send_msg(second, 'and hello back')
    expect(first, 'first', '%d says: and hello back' % n2)

    # chat_sock_client.py at end of input: no more sending; the server announces the leave and closes.
    second.shutdown(socket.SHUT_WR)
    expect(first, 'first', '%d left' % n2)
    expect_server_close(second, 'second')
    second.close()

    first.close()


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    host, port = argv[1], int(argv[2])
    message = argv[3] if len(argv) > 3 else 'hello from python: h\u00e9llo w\u00f6rld, \u4f60\u597d, \U0001F44B'
    try:
        check(host, port, message)
    except (CheckFailed, OSError) as failure:
        print('FAILED: %s' % failure, file=sys.stderr)
        return 1
    print('ok: all checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
