FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y xvfb chromium && rm -rf /var/lib/apt/lists/*
CMD ["xvfb-run", "--auto-servernum", "node", "test.js"]
