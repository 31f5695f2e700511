FROM node:22
RUN curl -fsSL https://example.com/tool-linux-amd64.tar.gz | tar -xz -C /usr/local/bin && chmod +x /usr/local/bin/tool
CMD ["tool"]
