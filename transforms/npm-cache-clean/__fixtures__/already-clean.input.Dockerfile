FROM node:18-slim
RUN npm install && npm cache clean --force
RUN npm ci && rm -rf /root/.npm
RUN npm install --cache /tmp/npmcache && rm -rf /tmp/npmcache
RUN npm run build && npm test
RUN npm install || echo "optional install failed"
RUN sudo npm install -g yo
RUN npm install & wait
RUN npm install -g npm@10 && npm install
RUN node-v8/bin/npm install -g pm2 && cd / && node-v8/bin/npm --version
