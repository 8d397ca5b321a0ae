import sys

from bishui.tools.cli import main

sys.exit(main())
