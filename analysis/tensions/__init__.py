"""The read side of community tension monitoring: charts of a ward's weeks."""
