#!/usr/bin/env python3
"""An independent implementation of asyncoro's message framing, to check echo-server against.

asyncoro's AsyncSocket.send_msg sends ``struct.pack('>L', len(data)) + data`` and recv_msg reads the
4-byte big-endian length, then exactly that many bytes. This client does the same with nothing but the
standard library (socket, ssl, struct), and runs the checks of the Java echo-client: framed messages of
0 B to 1 MiB echoed byte for byte, a clean end of stream after a half-close, then raw bytes on the raw
port. It prints one line per check and ``N passed, M failed`` last, and exits 0 only when none failed.

    python3 asyncoro_wire_client.py --host 127.0.0.1 --port P [--raw-port R]
            [--tls --cafile server-cert.pem [--tls-version 1.3|1.2]]
"""

import argparse
import random
import socket
import ssl
import struct
import sys
import threading

FRAMED_SIZES = [0, 1, 2, 3, 4, 5, 255, 1000, 65535, 65536, 65537, 1 << 20]
RAW_SIZES = [1, 65537, 1 << 20]
TIMEOUT = 30.0
HEADER = struct.Struct('>L')  # asyncoro: struct.pack('>L', len(data))


def send_msg(sock, data):
    """asyncoro's send_msg: the length as 4 bytes big-endian unsigned, then the data."""
    sock.sendall(HEADER.pack(len(data)) + data)


def recv_all(sock, n):
    """asyncoro's recvall: exactly n bytes, or fewer if the stream ends first."""
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b''.join(chunks)


def recv_msg(sock):
    """asyncoro's recv_msg: the payload, or None at the end of the stream (asyncoro returned '')."""
    header = recv_all(sock, HEADER.size)
    if len(header) == 0:
        return None
    if len(header) != HEADER.size:
        raise EOFError('stream ended inside a frame header')
    (n,) = HEADER.unpack(header)
    data = recv_all(sock, n)
    if len(data) != n:
        raise EOFError('stream ended inside a %d-byte frame after %d bytes' % (n, len(data)))
    return data


def payload(size):
    """Varied binary, the same every run, never all zeros."""
    data = bytearray(random.Random(size).randbytes(size))
    if size:
        data[0] |= 1
    return bytes(data)


def difference(sent, echoed):
    if echoed is None:
        return 'end of stream instead of an echo'
    if len(echoed) != len(sent):
        return 'echo has %d bytes, sent %d' % (len(echoed), len(sent))
    for i, (a, b) in enumerate(zip(sent, echoed)):
        if a != b:
            return 'byte %d differs' % i
    return None


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, check):
        self.passed += 1
        print('PASS ' + check, flush=True)

    def fail(self, check, why):
        self.failed += 1
        print('FAIL %s: %s' % (check, why), flush=True)

    def compare(self, check, sent, echoed):
        why = difference(sent, echoed)
        if why is None:
            self.ok(check)
        else:
            self.fail(check, why)


def tls_context(args):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies the certificate and the host name
    context.load_verify_locations(cafile=args.cafile)
    if args.tls_version:
        version = {'1.3': ssl.TLSVersion.TLSv1_3, '1.2': ssl.TLSVersion.TLSv1_2}[args.tls_version]
        context.minimum_version = version
        context.maximum_version = version
    return context


def connect(args, port, context, report):
    check = 'connect %s:%d%s' % (args.host, port, ' over TLS' if context else '')
    try:
        sock = socket.create_connection((args.host, port), timeout=TIMEOUT)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if context:
            sock = context.wrap_socket(sock, server_hostname=args.host)
            check += ' (%s %s)' % (sock.version(), sock.cipher()[0])
        report.ok(check)
        return sock
    except (OSError, ssl.SSLError) as err:
        report.fail(check, repr(err))
        return None


def half_close(sock):
    """Ends our side of the stream. Over TLS that is close_notify, which unwrap() sends; it then waits for
    the server's close_notify, which the server sends when it closes after seeing our end of stream."""
    if isinstance(sock, ssl.SSLSocket):
        return sock.unwrap(), True
    sock.shutdown(socket.SHUT_WR)
    return sock, False


def framed_checks(sock, report):
    check = 'framed'
    try:
        for size in FRAMED_SIZES:
            check = 'framed %d bytes' % size
            sent = payload(size)
            send_msg(sock, sent)
            report.compare(check, sent, recv_msg(sock))
        check = 'framed end of stream'
        plain, tls_closed = half_close(sock)
        # unwrap() only returns once the server's close_notify came: TLS's clean end of stream.
        after = None if tls_closed else recv_msg(plain)
        if after is None and plain.recv(1) == b'':
            report.ok(check)
        else:
            report.fail(check, 'more data after the half-close')
        plain.close()
    except (OSError, EOFError, ssl.SSLError) as err:
        report.fail(check, repr(err))
        sock.close()


def raw_checks(sock, report):
    check = 'raw'
    try:
        for size in RAW_SIZES:
            check = 'raw %d bytes' % size
            sent = payload(size)
            # Send from a second thread while this one reads: the server echoes as it reads, so sending
            # 1 MiB before reading anything back could fill both sides' buffers and stall.
            sender = threading.Thread(target=sock.sendall, args=(sent,))
            sender.start()
            echoed = recv_all(sock, size)
            sender.join()
            report.compare(check, sent, echoed)
        check = 'raw end of stream'
        plain, _ = half_close(sock)
        if plain.recv(1) == b'':
            report.ok(check)
        else:
            report.fail(check, 'more bytes after the half-close')
        plain.close()
    except (OSError, ssl.SSLError) as err:
        report.fail(check, repr(err))
        sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--host', required=True)
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--raw-port', type=int, default=0)
    parser.add_argument('--tls', action='store_true')
    parser.add_argument('--cafile', help='PEM file of the certificates to trust (with --tls)')
    parser.add_argument('--tls-version', choices=['1.3', '1.2'])
    args = parser.parse_args()
    if args.tls and not args.cafile:
        parser.error('--tls needs --cafile')

    context = tls_context(args) if args.tls else None
    report = Report()
    sock = connect(args, args.port, context, report)
    if sock:
        framed_checks(sock, report)
    if args.raw_port:
        sock = connect(args, args.raw_port, context, report)
        if sock:
            raw_checks(sock, report)
    print('%d passed, %d failed' % (report.passed, report.failed), flush=True)
    return 0 if report.failed == 0 and report.passed > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
