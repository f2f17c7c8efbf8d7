"""Every sentence the use cases say to citizens and officials, one module per feature,
for review and translation. Plain Vietnamese, short sentences, no jargon.

Use cases import ``from handlers import texts`` and read ``texts.NAME``; each feature module
is re-exported here so that a name is defined once and found in one place.
"""

from handlers.texts.admin import *  # noqa: F403
from handlers.texts.citizen import *  # noqa: F403
from handlers.texts.officials import *  # noqa: F403
from handlers.texts.procedures import *  # noqa: F403
from handlers.texts.sla import *  # noqa: F403
from handlers.texts.zalo import *  # noqa: F403
