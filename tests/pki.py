"""A test PKI made at test time with `cryptography`: a root, an intermediate and signers under it, a
self-signed signer nobody trusts, and an expired signer; and PDFs signed with pyHanko's signer API
(PAdES, incremental updates), as a party's e-signing service would give them back (#30)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ObjectIdentifier

ORGANIZATION_IDENTIFIER = ObjectIdentifier("2.5.4.97")  # X.520 organizationIdentifier (ETSI EN 319 412-1)
NOW = datetime.datetime.now(datetime.UTC)


def _name(common: str, organisation: str = "", business_id: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "FI")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    if business_id:
        parts.append(x509.NameAttribute(ORGANIZATION_IDENTIFIER, f"NTRFI-{business_id}"))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(parts)


@dataclass
class Identity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _issue(
    subject: x509.Name,
    *,
    issuer: Identity | None,
    ca: bool,
    not_before: datetime.datetime,
    not_after: datetime.datetime,
) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    signing_key = issuer.key if issuer else key
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    return Identity(key, builder.sign(signing_key, hashes.SHA256()))


class PKI:
    """Root → intermediate → signers; plus signers outside it."""

    def __init__(self, directory: Path):
        self.directory = directory
        year = datetime.timedelta(days=365)
        self.root = _issue(
            _name("Testijuuri CA"), issuer=None, ca=True, not_before=NOW - 2 * year, not_after=NOW + 10 * year
        )
        self.intermediate = _issue(
            _name("Testi Organisaatiovarmenteet CA"),
            issuer=self.root,
            ca=True,
            not_before=NOW - 2 * year,
            not_after=NOW + 5 * year,
        )
        self.root_path = directory / "root.pem"
        self.root_path.write_bytes(self.root.pem())

    def signer(self, name: str, organisation: str = "", business_id: str = "", *, expired: bool = False):
        day = datetime.timedelta(days=1)
        not_after = NOW - day if expired else NOW + 365 * day
        return _issue(
            _name(name, organisation, business_id),
            issuer=self.intermediate,
            ca=False,
            not_before=NOW - 400 * day,
            not_after=not_after,
        )

    def self_signed(self, name: str) -> Identity:
        day = datetime.timedelta(days=1)
        return _issue(_name(name), issuer=None, ca=False, not_before=NOW - day, not_after=NOW + 365 * day)

    def sign(self, pdf: bytes, who: Identity, *, field: str, chain: bool = True) -> bytes:
        """PDF signed by WHO in a new signature field, as an incremental update (pyHanko's signer API)."""
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        key_der = who.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        cert = asn1_x509.Certificate.load(who.cert.public_bytes(serialization.Encoding.DER))
        others = []
        if chain and who.cert.issuer == self.intermediate.cert.subject:
            others = [
                asn1_x509.Certificate.load(self.intermediate.cert.public_bytes(serialization.Encoding.DER))
            ]
        signer = signers.SimpleSigner(
            signing_cert=cert,
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([cert, *others]),
        )
        out = io.BytesIO()
        signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
            signers.PdfSignatureMetadata(field_name=field),
            signer=signer,
            output=out,
        )
        return out.getvalue()
