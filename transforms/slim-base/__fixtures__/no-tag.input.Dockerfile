FROM python
COPY app.py /app.py
CMD ["python", "/app.py"]
