FROM node:18-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
RUN npm install -g pm2 \
    && npm run build \
    && rm -rf /tmp/*
RUN npm install && \
    npm run build
RUN set -e; npm install; node scripts/postinstall.js
RUN for d in a b; do (cd $d && npm install); done && echo done
CMD ["node", "server.js"]
