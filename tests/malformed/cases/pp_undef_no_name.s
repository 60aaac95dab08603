#undef 42
