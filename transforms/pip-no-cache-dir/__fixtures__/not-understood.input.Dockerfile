FROM python:3.11-slim
RUN ["pip", "install", "flask"]
RUN <<EOF
pip install requests
EOF
RUN sh -c "pip install six"
RUN su app -c 'pip install --user six'
RUN $PIP install six && "${PY}" -m pip install seven
RUN pip --unknown-opt install eight
RUN sudo --weird pip install nine
ONBUILD RUN pip install ten
