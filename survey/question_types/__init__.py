"""Question types: what each kind of question is, how its answers are read, stored and shown."""
