# escape=`
FROM python:3.12-windowsservercore-ltsc2022
COPY app.py C:/app.py
CMD ["python", "C:/app.py"]
