import sys

from bishui.cli import main

sys.exit(main())
