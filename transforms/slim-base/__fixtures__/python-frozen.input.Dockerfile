FROM python:3.7
COPY app.py /app.py
CMD ["python", "/app.py"]
