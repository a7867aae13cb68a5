// Replaced by the benchmark driver.
print("bench")
