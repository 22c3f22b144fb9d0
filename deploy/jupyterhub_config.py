# JupyterHub configuration that serves the followkit dashboard to each worker.
#
# The hub logs every worker in (with the agency's authenticator) and starts a
# server of their own that opens straight on the dashboard (Voilà, as a
# jupyter_server extension). No followkit token is involved: the hub's login
# protects every request. See docs/deploy.md.
#
# Install, in the environment the hub and the workers' servers use:
#   python3 -m venv /opt/followkit
#   /opt/followkit/bin/pip install followkit-*.whl jupyterhub
#   npm install -g configurable-http-proxy
# Run:
#   /opt/followkit/bin/jupyterhub -f /etc/followkit/jupyterhub_config.py
import os
import sys
from importlib.resources import files
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides it)

# The dashboard notebook as installed with followkit (read-only for workers).
NOTEBOOKS = str(files("followkit.notebooks"))

# Listen on loopback; put the agency's HTTPS reverse proxy in front of it.
c.JupyterHub.bind_url = os.environ.get("FOLLOWKIT_HUB_URL", "http://127.0.0.1:8000")

# Each worker's server is this environment's (the one with followkit) and opens
# on the dashboard.
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.notebook_dir = NOTEBOOKS
c.Spawner.default_url = "/voila/render/dashboard.ipynb"
c.Spawner.args = [
    # Large trackers are uploaded through the websocket (tornado's default is 10 MB).
    "--ServerApp.tornado_settings={'websocket_max_message_size': 104857600}",
    # Plain words in the page, details in the server's log.
    "--VoilaConfiguration.show_tracebacks=False",
    "--ServerApp.ip=127.0.0.1",
]
c.Spawner.environment = {"MPLBACKEND": "Agg"}

# Authentication: the agency's own. Examples:
#   c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"
#   c.JupyterHub.authenticator_class = "oauthenticator.azuread.AzureAdOAuthenticator"
# and which accounts may log in:
#   c.Authenticator.allowed_users = {"priya", "daniel"}
# The workers' servers run as their own system accounts (LocalProcessSpawner,
# the default), or in containers (DockerSpawner, KubeSpawner).
