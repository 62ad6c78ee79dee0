"""The units part of the API: token authentication, token scopes, and the unit list."""
