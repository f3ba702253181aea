# import torch  -- the exporter no longer needs it
TORCH_NOTE = "torch and transformers are training-only"
print("from transformers import pipeline")
