FROM python:3.7-slim
COPY app.py /app.py
CMD ["python", "/app.py"]
