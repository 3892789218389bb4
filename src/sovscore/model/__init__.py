"""What files may say: the pydantic models of provider profiles and rubrics. No I/O."""
