"""A proxmoxer user's clone flow against hypersim's PVE API; prints one JSON object with what it saw.

Run: /usr/bin/python3 proxmoxer_flow.py --host 127.0.0.1 --port 8006
Needs: apt-get install -y python3-proxmoxer python3-requests
"""
import argparse
import json
import sys
import time

from proxmoxer import ProxmoxAPI
from proxmoxer.core import ResourceException

POLL_SECONDS = 1
MAX_POLLS = 60


def wait_for_task(node, upid):
    """Polls the task every second until it stops, as proxmoxer scripts do (proxmoxer 1.x has no helper)."""
    for _ in range(MAX_POLLS):
        status = node.tasks(upid).status.get()
        if status["status"] == "stopped":
            return status
        time.sleep(POLL_SECONDS)
    raise RuntimeError("task %s did not stop within %d s" % (upid, MAX_POLLS * POLL_SECONDS))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8006)
    args = parser.parse_args()

    proxmox = ProxmoxAPI(args.host, port=args.port, user="root@pam", password="hypersim", verify_ssl=False)
    node = proxmox.nodes("pve1")

    newid = int(proxmox.cluster.nextid.get())
    upid = node.qemu(9000).clone.post(newid=newid, name="from-proxmoxer", full=1)
    status = wait_for_task(node, upid)
    config = node.qemu(newid).config.get()

    # VM 101 exists in the default scenario: PVE refuses, and puts the reason in the HTTP status line.
    try:
        node.qemu(9000).clone.post(newid=101)
        error = None
    except ResourceException as caught:
        error = caught

    json.dump({
        "newid": newid,
        "upid": upid,
        "exitstatus": status.get("exitstatus"),
        "name": config.get("name"),
        "error_status": error.status_code if error else None,
        # proxmoxer 1.x passes the response's reason phrase as the exception's content
        "error_reason": error.content if error else None,
        "error_message": str(error) if error else None,
    }, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
