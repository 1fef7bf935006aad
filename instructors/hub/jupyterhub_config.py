"""smmlab on a JupyterHub that spawns local users (The Littlest JupyterHub, or any hub run as root).

On each user's first start the hub's ``pre_spawn_hook`` writes ``~/smm-course/`` (mode 0700)
with their own brand's data and the learner notebooks, gives it to the user, and opens their
server there. Later starts add what is missing (a lesson added later) and never overwrite a
file. The settings are read from ``/etc/smmlab/hub.toml`` (or ``$SMMLAB_HUB_SETTINGS``): see
``hub.toml`` beside this file. The instructor's secret file, if any, is read by the hub only.

- The Littlest JupyterHub: copy this file unchanged to
  ``/opt/tljh/config/jupyterhub_config.d/smmlab.py`` and run ``sudo tljh-config reload hub``.
- Another hub: load it after your own configuration, e.g.
  ``jupyterhub -f jupyterhub_config.py`` with ``load_subconfig("smmlab.py")`` in yours.

Zero to JupyterHub cannot write into users' volumes from the hub: it runs the same preparation
(``smmlab hub prepare``) in an init container instead; see ``z2jh-values.yaml``.
"""

from smmlab.grading.hub import COURSE_FOLDER, make_pre_spawn_hook, read_settings

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

_settings = read_settings()
c.Spawner.pre_spawn_hook = make_pre_spawn_hook(_settings)
c.Spawner.default_url = f"/lab/tree/{_settings.get('folder', COURSE_FOLDER)}"
