FROM python:2.7
RUN pip install --no-cache-dir -U "pip==1.5.6" && pip install requests
