"""The `make run` sandbox: a terminal where one person plays the citizen and the officials
against the Bot API emulator, seeing what each side of the conversation sees."""
