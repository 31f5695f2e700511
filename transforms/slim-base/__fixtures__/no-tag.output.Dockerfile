FROM python:slim
COPY app.py /app.py
CMD ["python", "/app.py"]
