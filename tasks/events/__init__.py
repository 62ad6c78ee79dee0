"""One module of events per record with a state: its names, labels and the writers of its log rows."""
