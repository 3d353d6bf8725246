#!/usr/bin/python3
"""Drive a KMIP server with PyKMIP's ProxyKmipClient and report as JSON.

Run with the distribution interpreter (/usr/bin/python3, Debian package
python3-pykmip 0.10.x):

    pykmip_client.py --host H --port P --ca CA --cert CERT --key KEY \
        --version 1.2|2.0 --scenario lifecycle|asymmetric|rekey|bench|denied|crypto \
        [--count N] [--uid U] [--timeout SECONDS]

Prints exactly ONE JSON object on stdout:

    {"pykmip": "0.10.0", "kmipVersion": "1.2", "scenario": "...",
     "steps": {"<step>": {"ok": true, "value": ...}
                       | {"ok": false, "error": {"class": ..., "message": ...,
                                                 "status"?, "reason"?,
                                                 "reasonMessage"?}}}}

and exits 0 even when steps fail: the TypeScript test decides what each step
should have done.  A socket-level failure (refused, reset, TLS alert,
timeout) ends the scenario: the failed step is recorded and
"connectionLost": "<step>" is set.  Exit code 2 means bad arguments; anything
unexpected in this harness itself is reported as a "fatal" member, still
with exit code 0.

Nothing is read from a PyKMIP configuration file: every connection setting is
passed as an argument, and the client reads its settings from a section name
("custos-interop") that no pykmip.conf defines.  PyKMIP's client then uses
ssl.wrap_socket(PROTOCOL_SSLv23 = "any TLS version", CERT_REQUIRED, the CA
file, OpenSSL default ciphers, no host name check).
"""

import argparse
import binascii
import enum
import json
import logging
import sys
import time
import uuid
import warnings

warnings.simplefilter("ignore")  # cryptography deprecations (Blowfish, ...)

from kmip import __version__ as PYKMIP_VERSION  # noqa: E402
from kmip.core import enums  # noqa: E402
from kmip.core.factories import attributes as attribute_factories  # noqa: E402
from kmip.pie import client as pie_client  # noqa: E402
from kmip.pie import exceptions as pie_exceptions  # noqa: E402
from kmip.pie import objects as pie_objects  # noqa: E402

# A section name that no PyKMIP configuration file defines, so every setting
# comes from our arguments or PyKMIP's built-in defaults.
CONFIG_SECTION = "custos-interop"

KMIP_VERSIONS = {
    "1.0": enums.KMIPVersion.KMIP_1_0,
    "1.1": enums.KMIPVersion.KMIP_1_1,
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.3": enums.KMIPVersion.KMIP_1_3,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}

# Known key material, so the test can check that Register -> Get round-trips.
REGISTERED_KEY_BYTES = bytes(range(0x00, 0x20))  # 32 bytes, AES-256
REGISTERED_SECRET_BYTES = b"custos-interop-secret-\x00\x01\xfe\xff"

ATTRIBUTES = attribute_factories.AttributeFactory()


# ---------------------------------------------------------------- reporting


def to_json(value):
    """Turn PyKMIP values (enums, primitives, structures) into JSON values."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (bytes, bytearray)):
        return binascii.hexlify(bytes(value)).decode("ascii")
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    # kmip.core.attributes.Name: a structure of two primitives
    if hasattr(value, "name_value") and hasattr(value, "name_type"):
        return {
            "value": to_json(value.name_value),
            "type": to_json(value.name_type),
        }
    # kmip.core.primitives.* (TextString, Enumeration, Integer, DateTime...)
    if hasattr(value, "value"):
        return to_json(value.value)
    return str(value)


def attributes_to_json(attributes):
    """[kmip.core.objects.Attribute] -> {name: value}; a name that occurs
    more than once (Name, Link, ...) maps to the list of its values."""
    grouped = {}
    for attribute in attributes:
        name = attribute.attribute_name.value
        grouped.setdefault(name, []).append(to_json(attribute.attribute_value))
    return {k: (v[0] if len(v) == 1 else v) for k, v in grouped.items()}


def error_to_json(exc):
    error = {"class": type(exc).__name__, "message": str(exc)}
    # kmip.pie.exceptions.KmipOperationFailure carries the KMIP result.
    status = getattr(exc, "status", None)
    reason = getattr(exc, "reason", None)
    if isinstance(status, enum.Enum):
        error["status"] = status.name
    if isinstance(reason, enum.Enum):
        error["reason"] = reason.name
        error["reasonMessage"] = getattr(exc, "message", None)
    return error


class ConnectionLost(Exception):
    """The connection broke during the named step; later steps are skipped."""


class Report:
    def __init__(self, scenario, version):
        self.data = {
            "pykmip": PYKMIP_VERSION,
            "kmipVersion": version,
            "scenario": scenario,
            "steps": {},
        }

    def step(self, name, fn):
        """Run fn(); record {"ok", "value"} or {"ok": False, "error"}.

        Returns fn's raw result, or None when it raised.  A socket-level
        failure (OSError: refused, reset, TLS alert, timeout) leaves the
        connection unusable, so it ends the scenario via ConnectionLost."""
        try:
            raw, value = fn()
        except Exception as exc:  # noqa: BLE001 - every failure is data here
            self.data["steps"][name] = {"ok": False, "error": error_to_json(exc)}
            if isinstance(exc, OSError):
                raise ConnectionLost(name) from exc
            return None
        self.data["steps"][name] = {"ok": True, "value": value}
        return raw

    def emit(self):
        sys.stdout.write(json.dumps(self.data, sort_keys=False))
        sys.stdout.write("\n")
        sys.stdout.flush()


# ---------------------------------------------------------------- helpers


def make_client(args):
    client = pie_client.ProxyKmipClient(
        hostname=args.host,
        port=args.port,
        cert=args.cert,
        key=args.key,
        ca=args.ca,
        config=CONFIG_SECTION,
        kmip_version=KMIP_VERSIONS[args.version],
    )
    # ProxyKmipClient has no timeout argument; KMIPProxy applies this one to
    # its socket in open() (PyKMIP's default is 30 s per read).
    client.proxy.timeout = args.timeout
    return client


def managed_object_to_json(obj):
    """The server-supplied parts of a kmip.pie object returned by Get (its
    names and usage masks are client-side defaults, so they are left out)."""
    out = {"class": type(obj).__name__}
    for field in (
        "object_type",
        "cryptographic_algorithm",
        "cryptographic_length",
        "data_type",
        "key_format_type",
    ):
        if hasattr(obj, field):
            out[field] = to_json(getattr(obj, field))
    if hasattr(obj, "value"):
        out["valueHex"] = to_json(obj.value)
    return out


def located(uids, *wanted):
    return {
        "uids": list(uids),
        "count": len(uids),
        "contains": {w: (w in uids) for w in wanted if w},
    }


def attr(name, value):
    return ATTRIBUTES.create_attribute(name, value)


def state_of(client, uid):
    _, attrs = client.get_attributes(uid, ["State"])
    return attributes_to_json(attrs).get("State")


# ---------------------------------------------------------------- scenarios


def scenario_lifecycle(client, report, args):
    tag = uuid.uuid4().hex[:12]
    names = {
        "created": "custos-interop-created-" + tag,
        "key": "custos-interop-key-" + tag,
        "secret": "custos-interop-secret-" + tag,
    }
    usage = [
        enums.CryptographicUsageMask.ENCRYPT,
        enums.CryptographicUsageMask.DECRYPT,
    ]
    report.data["names"] = names
    report.data["registeredKeyHex"] = to_json(REGISTERED_KEY_BYTES)
    report.data["registeredSecretHex"] = to_json(REGISTERED_SECRET_BYTES)

    def uid_step(fn):
        def run():
            uid = fn()
            return uid, uid

        return run

    # -- Discover Versions (not exposed by ProxyKmipClient: use its proxy)
    def discover_versions():
        result = client.proxy.discover_versions()
        if result.result_status.value != enums.ResultStatus.SUCCESS:
            raise pie_exceptions.KmipOperationFailure(
                result.result_status.value,
                result.result_reason.value,
                result.result_message.value,
            )
        versions = [
            "{0}.{1}".format(v.major, v.minor)
            for v in (result.protocol_versions or [])
        ]
        return versions, versions

    report.step("discover_versions", discover_versions)

    # -- Create / Register
    created = report.step(
        "create",
        uid_step(
            lambda: client.create(
                enums.CryptographicAlgorithm.AES,
                256,
                name=names["created"],
                cryptographic_usage_mask=usage,
            )
        ),
    )

    key = pie_objects.SymmetricKey(
        enums.CryptographicAlgorithm.AES,
        256,
        REGISTERED_KEY_BYTES,
        masks=usage,
        name=names["key"],
    )
    registered_key = report.step(
        "register_key", uid_step(lambda: client.register(key))
    )

    secret = pie_objects.SecretData(
        REGISTERED_SECRET_BYTES,
        enums.SecretDataType.PASSWORD,
        masks=[enums.CryptographicUsageMask.DERIVE_KEY],
        name=names["secret"],
    )
    registered_secret = report.step(
        "register_secret", uid_step(lambda: client.register(secret))
    )

    # -- Get
    def get(uid):
        def run():
            obj = client.get(uid)
            return obj, managed_object_to_json(obj)

        return run

    report.step("get_created", get(created))
    report.step("get_key", get(registered_key))
    report.step("get_secret", get(registered_secret))

    # -- Get Attributes / Get Attribute List
    selected = [
        "Name",
        "Object Type",
        "Cryptographic Algorithm",
        "Cryptographic Length",
        "Cryptographic Usage Mask",
        "State",
    ]

    def get_attributes(uid, wanted):
        def run():
            got_uid, attrs = client.get_attributes(uid, wanted)
            return attrs, {"uid": got_uid, "attributes": attributes_to_json(attrs)}

        return run

    report.step("get_attributes_selected", get_attributes(created, selected))
    report.step("get_attributes_all", get_attributes(created, None))

    def get_attribute_list():
        names_ = client.get_attribute_list(created)
        return names_, sorted(names_)

    report.step("get_attribute_list", get_attribute_list)

    # -- Locate
    def locate(attributes, *wanted):
        def run():
            uids = client.locate(attributes=attributes)
            return uids, located(uids, *wanted)

        return run

    report.step(
        "locate_by_name",
        locate(
            [attr(enums.AttributeType.NAME, names["created"])], created
        ),
    )
    report.step(
        "locate_by_object_type",
        locate(
            [attr(enums.AttributeType.OBJECT_TYPE, enums.ObjectType.SECRET_DATA)],
            registered_secret,
            created,
        ),
    )
    report.step(
        "locate_by_state_pre_active",
        locate([attr(enums.AttributeType.STATE, enums.State.PRE_ACTIVE)], created),
    )

    # -- Activate -> Revoke -> Destroy on the created key
    def activate():
        client.activate(created)  # returns None on success
        return None, {"state": state_of(client, created)}

    report.step("activate", activate)
    report.step(
        "locate_by_state_active",
        locate([attr(enums.AttributeType.STATE, enums.State.ACTIVE)], created),
    )

    def destroy(uid):
        def run():
            client.destroy(uid)  # returns None on success
            return None, None

        return run

    # Destroying an Active object must fail (KMIP 1.4 section 4.21).
    report.step("destroy_active", destroy(created))

    def revoke():
        client.revoke(
            enums.RevocationReasonCode.CESSATION_OF_OPERATION,
            created,
            revocation_message="custos interop test",
        )
        return None, {"state": state_of(client, created)}

    report.step("revoke", revoke)
    report.step("destroy_after_revoke", destroy(created))
    report.step("get_destroyed", get(created))

    # A Pre-Active object may be destroyed directly.
    report.step("destroy_pre_active", destroy(registered_key))
    report.step("get_destroyed_pre_active", get(registered_key))

    # Leave the secret for "denied" checks by another identity.
    report.data["remaining"] = [u for u in [registered_secret] if u]


def scenario_asymmetric(client, report, args):
    """create_key_pair (RSA 2048), register of an RSA public key (X.509
    SubjectPublicKeyInfo), an RSA private key (PKCS#8) and a self-signed X.509
    certificate made here with `cryptography`, then get of each.  The
    registered DER is reported so the test can compare what Get returns."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    tag = uuid.uuid4().hex[:12]
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_der = rsa_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_der = rsa_key.public_key().public_bytes(
        serialization.Encoding.DER,
        serialization.PublicFormat.SubjectPublicKeyInfo,
    )
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "custos-interop-" + tag)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert_der = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(rsa_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(rsa_key, hashes.SHA256())
        .public_bytes(serialization.Encoding.DER)
    )
    report.data["registeredPrivateHex"] = to_json(private_der)
    report.data["registeredPublicHex"] = to_json(public_der)
    report.data["registeredCertificateHex"] = to_json(cert_der)

    def create_key_pair():
        public_uid, private_uid = client.create_key_pair(
            enums.CryptographicAlgorithm.RSA,
            2048,
            public_name="custos-interop-public-" + tag,
            public_usage_mask=[enums.CryptographicUsageMask.VERIFY],
            private_name="custos-interop-private-" + tag,
            private_usage_mask=[enums.CryptographicUsageMask.SIGN],
        )
        return (public_uid, private_uid), {"public": public_uid, "private": private_uid}

    pair = report.step("create_key_pair", create_key_pair) or (None, None)

    def register(obj):
        def run():
            uid = client.register(obj)
            return uid, uid

        return run

    sign_verify = {
        "private": [enums.CryptographicUsageMask.SIGN],
        "public": [enums.CryptographicUsageMask.VERIFY],
    }
    registered_public = report.step(
        "register_public_key",
        register(
            pie_objects.PublicKey(
                enums.CryptographicAlgorithm.RSA,
                2048,
                public_der,
                enums.KeyFormatType.X_509,
                masks=sign_verify["public"],
                name="custos-interop-reg-public-" + tag,
            )
        ),
    )
    registered_private = report.step(
        "register_private_key",
        register(
            pie_objects.PrivateKey(
                enums.CryptographicAlgorithm.RSA,
                2048,
                private_der,
                enums.KeyFormatType.PKCS_8,
                masks=sign_verify["private"],
                name="custos-interop-reg-private-" + tag,
            )
        ),
    )
    registered_cert = report.step(
        "register_certificate",
        register(
            pie_objects.X509Certificate(
                cert_der,
                masks=[enums.CryptographicUsageMask.VERIFY],
                name="custos-interop-cert-" + tag,
            )
        ),
    )

    def get(uid):
        def run():
            obj = client.get(uid)
            return obj, managed_object_to_json(obj)

        return run

    report.step("get_created_public", get(pair[0]))
    report.step("get_created_private", get(pair[1]))
    report.step("get_registered_public", get(registered_public))
    report.step("get_registered_private", get(registered_private))
    report.step("get_certificate", get(registered_cert))

    def get_attributes(uid):
        def run():
            got_uid, attrs = client.get_attributes(
                uid,
                ["Object Type", "Cryptographic Algorithm", "Cryptographic Length"],
            )
            return attrs, {"uid": got_uid, "attributes": attributes_to_json(attrs)}

        return run

    report.step("get_attributes_created_private", get_attributes(pair[1]))
    report.step("get_attributes_registered_public", get_attributes(registered_public))


def scenario_rekey(client, report, args):
    """rekey: create an AES-256 key with a Name, activate it, re-key it (no
    Offset), re-key the replacement with an Offset of one hour, then get the
    three keys and their dates/State, and locate the Name (it moves to the
    newest key)."""
    tag = uuid.uuid4().hex[:12]
    name = "custos-interop-rekey-" + tag
    report.data["name"] = name
    usage = [
        enums.CryptographicUsageMask.ENCRYPT,
        enums.CryptographicUsageMask.DECRYPT,
    ]

    def uid_step(fn):
        def run():
            uid = fn()
            return uid, uid

        return run

    original = report.step(
        "create",
        uid_step(
            lambda: client.create(
                enums.CryptographicAlgorithm.AES,
                256,
                name=name,
                cryptographic_usage_mask=usage,
            )
        ),
    )
    report.step("activate", lambda: (client.activate(original), None))
    first = report.step("rekey", uid_step(lambda: client.rekey(uid=original)))
    second = report.step(
        "rekey_offset", uid_step(lambda: client.rekey(uid=first, offset=3600))
    )

    def get(uid):
        def run():
            obj = client.get(uid)
            return obj, managed_object_to_json(obj)

        return run

    def get_attributes(uid):
        def run():
            got_uid, attrs = client.get_attributes(
                uid,
                [
                    "State",
                    "Name",
                    "Initial Date",
                    "Activation Date",
                    "Cryptographic Algorithm",
                    "Cryptographic Length",
                ],
            )
            return attrs, {"uid": got_uid, "attributes": attributes_to_json(attrs)}

        return run

    for step, uid in (("original", original), ("first", first), ("second", second)):
        report.step("get_" + step, get(uid))
        report.step("get_attributes_" + step, get_attributes(uid))

    def locate():
        uids = client.locate(attributes=[attr(enums.AttributeType.NAME, name)])
        return uids, located(uids, original, first, second)

    report.step("locate_name", locate)


def scenario_bench(client, report, args):
    count = args.count
    errors = 0
    first_error = None
    start = time.perf_counter()
    for _ in range(count):
        try:
            uid = client.create(enums.CryptographicAlgorithm.AES, 256)
            client.get(uid)
        except Exception as exc:  # noqa: BLE001
            errors += 1
            if first_error is None:
                first_error = error_to_json(exc)
            if isinstance(exc, OSError):  # connection unusable
                report.data["connectionLost"] = "bench"
                break
    elapsed = time.perf_counter() - start
    report.data["bench"] = {
        "count": count,
        "errors": errors,
        "firstError": first_error,
        "elapsedSeconds": elapsed,
        "roundTripsPerSecond": (count / elapsed) if elapsed > 0 else None,
    }


def scenario_denied(client, report, args):
    if not args.uid:
        raise ValueError("--uid is required for the denied scenario")
    uid = args.uid

    def get():
        obj = client.get(uid)
        return obj, managed_object_to_json(obj)

    def get_attributes():
        got_uid, attrs = client.get_attributes(uid)
        return attrs, {"uid": got_uid, "attributes": attributes_to_json(attrs)}

    def destroy():
        client.destroy(uid)  # returns None on success
        return None, None

    def locate():
        uids = client.locate()
        return uids, located(uids, uid)

    report.step("get", get)
    report.step("get_attributes", get_attributes)
    report.step("locate_all", locate)
    report.step("destroy", destroy)


def scenario_crypto(client, report, args):
    """Server-side cryptography: encrypt and decrypt (AES-256-CBC, PKCS5,
    server-generated IV) with a key it creates and activates; sign and
    signature_verify (RSA-2048 PSS SHA-256) with a key pair it registers
    (PKCS#8 / X.509) and activates; mac (HMAC-SHA256) with a key it creates;
    derive_key (HMAC-SHA256, 128 bits) from a key with Derive Key usage.  Key
    bytes, IV, ciphertext, signature and MAC are reported so the test can check
    them with node:crypto."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    tag = uuid.uuid4().hex[:12]
    message = b"custos-interop crypto " + tag.encode("ascii")
    report.data["messageHex"] = to_json(message)

    def created(algorithm, length, masks, name):
        def run():
            uid = client.create(algorithm, length, name=name, cryptographic_usage_mask=masks)
            client.activate(uid)
            key = client.get(uid)
            return uid, {"uid": uid, "keyHex": to_json(key.value)}

        return run

    aes = report.step(
        "create_aes",
        created(
            enums.CryptographicAlgorithm.AES,
            256,
            [enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT],
            "custos-interop-aes-" + tag,
        ),
    )
    cbc = {
        "block_cipher_mode": enums.BlockCipherMode.CBC,
        "padding_method": enums.PaddingMethod.PKCS5,
        "random_iv": True,
    }

    def encrypt():
        data, iv = client.encrypt(message, uid=aes, cryptographic_parameters=cbc)
        return (data, iv), {"dataHex": to_json(data), "ivHex": to_json(iv)}

    encrypted = report.step("encrypt", encrypt) or (b"", b"")

    def decrypt():
        data = client.decrypt(
            encrypted[0], uid=aes, cryptographic_parameters=cbc, iv_counter_nonce=encrypted[1]
        )
        return data, to_json(data)

    report.step("decrypt", decrypt)

    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_der = rsa_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_der = rsa_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    report.data["publicKeyHex"] = to_json(public_der)

    def registered(obj):
        def run():
            uid = client.register(obj)
            client.activate(uid)
            return uid, uid

        return run

    private_uid = report.step(
        "register_private_key",
        registered(
            pie_objects.PrivateKey(
                enums.CryptographicAlgorithm.RSA, 2048, private_der, enums.KeyFormatType.PKCS_8,
                masks=[enums.CryptographicUsageMask.SIGN],
                name="custos-interop-crypto-private-" + tag,
            )
        ),
    )
    public_uid = report.step(
        "register_public_key",
        registered(
            pie_objects.PublicKey(
                enums.CryptographicAlgorithm.RSA, 2048, public_der, enums.KeyFormatType.X_509,
                masks=[enums.CryptographicUsageMask.VERIFY],
                name="custos-interop-crypto-public-" + tag,
            )
        ),
    )
    pss = {
        "cryptographic_algorithm": enums.CryptographicAlgorithm.RSA,
        "padding_method": enums.PaddingMethod.PSS,
        "hashing_algorithm": enums.HashingAlgorithm.SHA_256,
    }

    def sign():
        signature = client.sign(message, uid=private_uid, cryptographic_parameters=pss)
        return signature, to_json(signature)

    signature = report.step("sign", sign) or b""

    def verify(msg):
        def run():
            validity = client.signature_verify(msg, signature, uid=public_uid, cryptographic_parameters=pss)
            return validity, to_json(validity)

        return run

    report.step("signature_verify", verify(message))
    report.step("signature_verify_tampered", verify(message + b"!"))

    hmac_uid = report.step(
        "create_hmac",
        created(
            enums.CryptographicAlgorithm.HMAC_SHA256,
            256,
            [enums.CryptographicUsageMask.MAC_GENERATE],
            "custos-interop-hmac-" + tag,
        ),
    )

    def mac():
        uid, mac_data = client.mac(message, uid=hmac_uid, algorithm=enums.CryptographicAlgorithm.HMAC_SHA256)
        return mac_data, {"uid": uid, "macHex": to_json(mac_data)}

    report.step("mac", mac)

    derive_base = report.step(
        "create_derive_base",
        created(
            enums.CryptographicAlgorithm.AES,
            256,
            [enums.CryptographicUsageMask.DERIVE_KEY],
            "custos-interop-derive-" + tag,
        ),
    )

    def derive_key():
        uid = client.derive_key(
            enums.ObjectType.SYMMETRIC_KEY,
            [derive_base],
            enums.DerivationMethod.HMAC,
            {
                "cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_256},
                "derivation_data": message,
            },
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES,
            cryptographic_length=128,
        )
        key = client.get(uid)
        return uid, {"uid": uid, "keyHex": to_json(key.value)}

    report.step("derive_key", derive_key)


SCENARIOS = {
    "lifecycle": scenario_lifecycle,
    "asymmetric": scenario_asymmetric,
    "rekey": scenario_rekey,
    "bench": scenario_bench,
    "denied": scenario_denied,
    "crypto": scenario_crypto,
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--ca", required=True, help="CA certificate (PEM)")
    parser.add_argument("--cert", required=True, help="client certificate (PEM)")
    parser.add_argument("--key", required=True, help="client private key (PEM)")
    parser.add_argument("--version", required=True, choices=sorted(KMIP_VERSIONS))
    parser.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    parser.add_argument("--count", type=int, default=100, help="bench iterations")
    parser.add_argument("--uid", help="object id for the denied scenario")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="socket timeout, seconds"
    )
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    # "Config file ... not found" is expected: we pass everything explicitly.
    logging.getLogger("kmip.core.config_helper").setLevel(logging.ERROR)

    report = Report(args.scenario, args.version)
    client = make_client(args)
    try:
        report.step("connect", lambda: (client.open(), None))
        SCENARIOS[args.scenario](client, report, args)
    except ConnectionLost as lost:
        report.data["connectionLost"] = str(lost)
    except Exception as exc:  # noqa: BLE001 - a bug in this harness
        report.data["fatal"] = error_to_json(exc)
    finally:
        try:
            client.close()
        except Exception:  # noqa: BLE001
            pass
    report.emit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
