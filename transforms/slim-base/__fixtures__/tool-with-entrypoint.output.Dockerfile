FROM python:3.12-slim
RUN pip install --no-cache-dir ansible==9.5.1
ENTRYPOINT ["ansible-playbook"]
