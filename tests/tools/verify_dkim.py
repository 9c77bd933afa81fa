"""Verifies a message's DKIM signature as a receiving server would, with
dkimpy (not the signer's code): the message on stdin, the DNS TXT record of
the selector as the one argument (no DNS needed). Prints "pass" and exits 0
when the signature verifies; prints why and exits 1 otherwise."""
import logging
import sys

import dkim

record = sys.argv[1].encode()
message = sys.stdin.buffer.read()
asked = []


def dns(name, timeout=5):
    asked.append(name)
    return record


logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
ok = dkim.verify(message, dnsfunc=dns, logger=logging.getLogger("dkim"))
print("pass" if ok else "fail", b" ".join(asked).decode())
sys.exit(0 if ok else 1)
