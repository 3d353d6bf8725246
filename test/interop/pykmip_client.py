#!/usr/bin/python3
"""Drive a KMIP server with PyKMIP's ProxyKmipClient and report as JSON.

Run with the distribution interpreter (/usr/bin/python3, Debian package
python3-pykmip 0.10.x):

    pykmip_client.py --host H --port P --ca CA --cert CERT --key KEY \
        --version 1.2|2.0 --scenario lifecycle|bench|denied \
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


SCENARIOS = {
    "lifecycle": scenario_lifecycle,
    "bench": scenario_bench,
    "denied": scenario_denied,
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
