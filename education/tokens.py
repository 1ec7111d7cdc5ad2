"""The signed code of a certificate's public verification address (core.tokens).

The code carries the certificate's pk, signed with SECRET_KEY under its own salt: a forged or altered code reads
as None, and a code of another kind of token is worthless here. A certificate is verified for as long as it
exists, so the code does not expire; revoking it is recorded on the certificate and the verification page says
so."""

from core.tokens import SignedToken

CERTIFICATE = SignedToken("education.certificate", max_age=None)


def certificate_code(certificate) -> str:
    return CERTIFICATE.make(certificate.pk)


def certificate_pk_from_code(code: str) -> int | None:
    return CERTIFICATE.read(code)
