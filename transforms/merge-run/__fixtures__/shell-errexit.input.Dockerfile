FROM debian:12
SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
RUN if [ -f /x ]; then false; echo masked; fi
RUN echo next
RUN echo a | tee /b
RUN rm /b
